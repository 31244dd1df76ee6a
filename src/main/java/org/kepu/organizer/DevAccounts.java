package org.kepu.organizer;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.kepu.shared.security.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Dev profile only: the {@code admin} account and demo associations with an organizer or reviewer each, so
 * the platform can be tried at once. Production never creates accounts by itself.
 */
@Component
@Profile("dev")
class DevAccounts {

    private static final Logger log = LoggerFactory.getLogger(DevAccounts.class);

    /** key, name, region (null: national), parent key. */
    private static final String[][] UNITS = {
        {"cast", "中国科学技术协会", null, null},
        {"anhui", "安徽省科学技术协会", "34", "cast"},
        {"wuhu", "芜湖市科学技术协会", "3402", "anhui"},
        {"jiujiang", "芜湖市鸠江区科学技术协会", "340207", "wuhu"},
        {"ningxia", "宁夏回族自治区科学技术协会", "64", "cast"},
        {"zhongwei", "中卫市科学技术协会", "6405", "ningxia"},
        {"shapotou", "中卫市沙坡头区科学技术协会", "640502", "zhongwei"}
    };

    /** username, unit key, role. */
    private static final String[][] ACCOUNTS = {
        {"admin", "cast", "ADMIN"},
        {"anhui-reviewer", "anhui", "REVIEWER"},
        {"wuhu-reviewer", "wuhu", "REVIEWER"},
        {"jiujiang-organizer", "jiujiang", "ORGANIZER"},
        {"ningxia-reviewer", "ningxia", "REVIEWER"},
        {"zhongwei-reviewer", "zhongwei", "REVIEWER"},
        {"shapotou-organizer", "shapotou", "ORGANIZER"}
    };

    private final OrganizerService organizer;
    private final Passwords passwords;
    private final OrganizerProperties properties;

    DevAccounts(OrganizerService organizer, Passwords passwords, OrganizerProperties properties) {
        this.organizer = organizer;
        this.passwords = passwords;
        this.properties = properties;
    }

    /** A stable id for a demo org unit, so other modules' demo data can refer to it. */
    static UUID unitId(String key) {
        return UUID.nameUUIDFromBytes(("kepu:org-unit:" + key).getBytes(StandardCharsets.UTF_8));
    }

    @EventListener(ApplicationReadyEvent.class)
    void createDemoAccounts() {
        String password = properties.devPassword();
        if (password == null || !Passwords.problems("password", password).isEmpty()) {
            log.warn("Dev accounts not created: kepu.organizer.dev-password must have 12 to 72 bytes");
            return;
        }
        List<org.kepu.organizer.OrgUnit> units = new ArrayList<>();
        for (String[] u : UNITS) {
            units.add(new org.kepu.organizer.OrgUnit(
                    unitId(u[0]),
                    u[1],
                    OrgUnitKind.ASSOCIATION,
                    Optional.ofNullable(u[2]),
                    Optional.ofNullable(u[3]).map(DevAccounts::unitId)));
        }
        passwords
                .hash(password)
                .flatMap(hash -> {
                    List<AccountRecord> accounts = new ArrayList<>();
                    for (String[] a : ACCOUNTS) {
                        accounts.add(new AccountRecord(
                                UUID.nameUUIDFromBytes(("kepu:account:" + a[0]).getBytes(StandardCharsets.UTF_8)),
                                a[0],
                                hash,
                                unitId(a[1]),
                                Set.of(Role.valueOf(a[2])),
                                true,
                                Instant.EPOCH));
                    }
                    return organizer.ensure(units, accounts);
                })
                .subscribe(done -> {}, error -> log.error("Dev accounts could not be created", error), () -> {
                    StringBuilder names = new StringBuilder();
                    for (String[] a : ACCOUNTS) {
                        names.append(String.format("%n    %-20s %-9s %s", a[0], a[2], unitName(a[1])));
                    }
                    log.info(
                            "Dev profile: demo accounts exist, all with the dev password"
                                    + " (KEPU_DEV_ADMIN_PASSWORD, default kepu-dev-admin):{}",
                            names);
                });
    }

    private static String unitName(String key) {
        for (String[] u : UNITS) {
            if (u[0].equals(key)) {
                return u[1];
            }
        }
        return key;
    }
}
