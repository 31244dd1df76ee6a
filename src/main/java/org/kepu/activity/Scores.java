package org.kepu.activity;

/** 推优 scores on the six official indicators, 0 to 10 each. */
public record Scores(int mobilization, int scale, int publicity, int volunteers, int jointAction, int onlineReach) {

    public int total() {
        return mobilization + scale + publicity + volunteers + jointAction + onlineReach;
    }
}
