package org.kepu.discovery;

import org.kepu.shared.error.DomainException;

/** The search index is unavailable and this search needs it (facets, distance, rating…); retry shortly. */
public final class SearchUnavailable extends DomainException {

    public SearchUnavailable() {
        super(Kind.UNAVAILABLE, "Search is temporarily unavailable; try again shortly or use fewer filters.");
    }
}
