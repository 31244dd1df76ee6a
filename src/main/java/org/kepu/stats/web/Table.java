package org.kepu.stats.web;

import java.util.List;

/** One part of the summary table as rows of cells (String, Number or null), rendered to XLSX or CSV. */
record Table(String name, List<String> header, List<List<Object>> rows) {}
