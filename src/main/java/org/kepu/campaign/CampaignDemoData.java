package org.kepu.campaign;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * In the dev profile (the run command), stores the demo editions once the app is ready. Loading happens in
 * the background: a slow or failed load is logged and never stops the app from serving.
 */
@Component
@Profile("dev")
class CampaignDemoData {

    private static final Logger log = LoggerFactory.getLogger(CampaignDemoData.class);

    private final CampaignService campaigns;

    CampaignDemoData(CampaignService campaigns) {
        this.campaigns = campaigns;
    }

    @EventListener(ApplicationReadyEvent.class)
    void load() {
        campaigns
                .loadDemo()
                .timeout(Duration.ofSeconds(30))
                .subscribe(
                        added -> log.info("Demo campaign editions: {} added", added),
                        error -> log.error("Demo campaign editions could not be loaded", error));
    }
}
