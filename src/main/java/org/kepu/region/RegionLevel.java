package org.kepu.region;

/** The four levels of GB/T 2260-style codes: 2, 4, 6 and 9 digits. */
public enum RegionLevel {
    PROVINCE(2),
    CITY(4),
    COUNTY(6),
    TOWN(9);

    private final int digits;

    RegionLevel(int digits) {
        this.digits = digits;
    }

    public int digits() {
        return digits;
    }

    static RegionLevel ofDigits(int digits) {
        for (RegionLevel level : values()) {
            if (level.digits == digits) {
                return level;
            }
        }
        throw new IllegalArgumentException("no region level has " + digits + " digits");
    }
}
