package org.kepu.stats.web;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.kepu.shared.security.Actors;
import org.kepu.shared.time.CampaignTime;
import org.kepu.stats.ActivityLine;
import org.kepu.stats.Nominee;
import org.kepu.stats.StatsService;
import org.kepu.stats.Summary;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** The summary (汇总表) as JSON, XLSX and CSV; reviewers read their subtree, admins any region. */
@RestController
@RequestMapping("/api/v1/stats")
class StatsController {

    static final MediaType XLSX =
            MediaType.valueOf("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    static final MediaType CSV = MediaType.valueOf("text/csv;charset=UTF-8");
    /** Rows fetched from PostgreSQL ahead of the writer: the backpressure window of an export. */
    private static final int PREFETCH = 256;

    private final StatsService stats;
    private final Clock clock;

    StatsController(StatsService stats, Clock clock) {
        this.stats = stats;
        this.clock = clock;
    }

    @GetMapping("/summary")
    Mono<ResponseEntity<Summary>> summary(@RequestParam(required = false) String region, @RequestParam UUID campaign) {
        return Actors.require()
                .flatMap(actor -> stats.summary(actor, Optional.ofNullable(region), campaign))
                .map(s ->
                        ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(s));
    }

    @GetMapping("/summary.xlsx")
    Mono<ResponseEntity<Flux<DataBuffer>>> xlsx(
            @RequestParam(required = false) String region, @RequestParam UUID campaign) {
        return export(
                region,
                campaign,
                XLSX,
                "xlsx",
                (out, fixed, activities, nominees) -> SummaryXlsx.write(
                        out, fixed, activities, SummaryTables::activity, nominees, SummaryTables::nominee));
    }

    @GetMapping("/summary.csv")
    Mono<ResponseEntity<Flux<DataBuffer>>> csv(
            @RequestParam(required = false) String region, @RequestParam UUID campaign) {
        return export(
                region,
                campaign,
                CSV,
                "csv",
                (out, fixed, activities, nominees) -> SummaryCsv.write(
                        out, fixed, activities, SummaryTables::activity, nominees, SummaryTables::nominee));
    }

    interface Writer {
        void write(OutputStream out, List<Table> fixed, Iterable<ActivityLine> activities, Iterable<Nominee> nominees)
                throws IOException;
    }

    /**
     * The summary first (authorization and bad parameters answer 4xx before any byte is sent), then the
     * file written on boundedElastic into a publisher that only takes bytes as the client reads them.
     */
    private Mono<ResponseEntity<Flux<DataBuffer>>> export(
            String region, UUID campaign, MediaType type, String extension, Writer writer) {
        return Actors.require()
                .flatMap(actor -> stats.summary(actor, Optional.ofNullable(region), campaign))
                .map(summary -> {
                    Instant now = clock.instant();
                    Flux<DataBuffer> body = Flux.from(DataBufferUtils.outputStreamPublisher(
                            out -> {
                                try (var activities = PulledRows.of(stats.activities(summary), PREFETCH);
                                        var nominees = PulledRows.of(stats.nominees(summary), PREFETCH)) {
                                    writer.write(out, SummaryTables.fixed(summary, now), activities, nominees);
                                } catch (IOException e) {
                                    throw new UncheckedIOException(e);
                                }
                            },
                            DefaultDataBufferFactory.sharedInstance,
                            task -> Schedulers.boundedElastic().schedule(task),
                            64 * 1024));
                    return ResponseEntity.ok()
                            .contentType(type)
                            .cacheControl(CacheControl.noStore())
                            .header(HttpHeaders.CONTENT_DISPOSITION, disposition(summary, now, extension))
                            .body(body);
                });
    }

    /** 汇总表-<region>-<campaign>-<time>.<ext>, in RFC 5987 form for the Chinese, with an ASCII fallback. */
    static String disposition(Summary s, Instant now, String extension) {
        String stamp = SummaryTables.TIME
                .format(CampaignTime.at(now))
                .replaceAll("[^0-9]", "")
                .substring(0, 12);
        String name = "汇总表-" + s.region().name() + "-" + s.campaign().name() + "-" + stamp + "." + extension;
        name = name.replaceAll("[\\\\/:*?\"<>|\\p{Cntrl}]", "_");
        return ContentDisposition.attachment()
                .filename(name, StandardCharsets.UTF_8)
                .build()
                .toString();
    }
}
