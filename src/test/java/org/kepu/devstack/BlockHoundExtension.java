package org.kepu.devstack;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import reactor.blockhound.BlockHound;

/**
 * Installs BlockHound once per JVM before any integration test: a blocking call on an event-loop or
 * parallel thread then fails the request (and the test) instead of quietly stalling everyone else.
 */
public class BlockHoundExtension implements BeforeAllCallback {

    private static boolean installed;

    @Override
    public void beforeAll(ExtensionContext context) {
        install();
    }

    static synchronized void install() {
        if (!installed) {
            BlockHound.install();
            installed = true;
        }
    }
}
