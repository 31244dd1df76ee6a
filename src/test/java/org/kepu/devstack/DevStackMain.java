package org.kepu.devstack;

import java.util.stream.Collectors;

/**
 * Starts the dev stack alone and keeps it up until the JVM is stopped. {@link DevStackLifecycleIT} runs it
 * as a child JVM to check that stopping or killing the JVM leaves no engine behind.
 */
public final class DevStackMain {

    /** The line printed once every engine is ready; the test waits for it and parses it. */
    static final String READY = "DEVSTACK-READY";

    private DevStackMain() {}

    public static void main(String[] args) throws InterruptedException {
        DevStack stack = DevStack.get();
        String pids = stack.enginePids().stream().map(String::valueOf).collect(Collectors.joining(","));
        System.out.println(READY + " pids=" + pids + " run=" + stack.runDirectory());
        System.out.flush();
        // nothing else to do: whoever started us ends us, with a signal
        Thread.currentThread().join();
    }
}
