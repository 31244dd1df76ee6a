package org.kepu.activity;

/** An enumeration value with its Chinese and English labels (codes are stable; labels are for people). */
public interface Labelled {

    String name();

    String zh();

    String en();
}
