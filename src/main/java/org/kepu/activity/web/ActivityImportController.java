package org.kepu.activity.web;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.kepu.activity.Activity;
import org.kepu.activity.ActivityService;
import org.kepu.campaign.CampaignFilter;
import org.kepu.campaign.CampaignService;
import org.kepu.region.RegionService;
import org.kepu.shared.error.ValidationFailed;
import org.kepu.shared.security.Actors;
import org.kepu.shared.time.CampaignTime;
import org.kepu.shared.web.WebProperties;
import org.springframework.core.ResolvableType;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.multipart.DefaultPartHttpMessageReader;
import org.springframework.http.codec.multipart.Part;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Bulk import of activities from CSV or XLSX (docs/import.md), and the template to fill in. */
@RestController
@RequestMapping("/api/v1/organizer/activities/import")
class ActivityImportController {

    static final String XLSX_VALUE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    static final String CSV_VALUE = "text/csv";

    private static final ResolvableType PART = ResolvableType.forClass(Part.class);

    record ImportResponse(int imported, List<UUID> ids) {}

    private final ActivityService activities;
    private final CampaignService campaigns;
    private final RegionService regions;
    private final DefaultPartHttpMessageReader parts;
    private final Clock clock;

    ActivityImportController(
            ActivityService activities,
            CampaignService campaigns,
            RegionService regions,
            WebProperties web,
            Clock clock) {
        this.activities = activities;
        this.campaigns = campaigns;
        this.regions = regions;
        this.clock = clock;
        // The whole body is at most the request limit and already in memory: parts never touch the disk.
        int limit = (int) Math.min(Integer.MAX_VALUE - 1, web.maxRequestBytes().toBytes());
        this.parts = new DefaultPartHttpMessageReader();
        this.parts.setMaxInMemorySize(limit + 1);
        this.parts.setMaxParts(8);
    }

    /** A form upload; the file's content, not its name or declared type, tells XLSX from CSV. */
    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    Mono<ResponseEntity<ImportResponse>> upload(ServerHttpRequest request) {
        // The body is read whole from this size-limited request first (not through @RequestPart, which
        // would bypass the limit), and only then split into parts: Spring's multipart parser reports a
        // failing body twice, the second time as a dropped error logged at ERROR level.
        return bytes(request.getBody())
                .flatMapMany(body -> parts.read(PART, inMemory(request, body), Map.of()))
                .concatMap(part -> "file".equals(part.name())
                        ? bytes(part.content())
                        : part.content().doOnNext(DataBufferUtils::release).then(Mono.<byte[]>empty()))
                .next()
                .switchIfEmpty(Mono.error(
                        () -> ValidationFailed.of("file", "required", "Send the file in a form part named 'file'.")))
                .flatMap(file -> run(file, XlsxSheets.looksLikeXlsx(file)));
    }

    /** The file as the body itself; the content type says which kind it is. */
    @PostMapping(consumes = {CSV_VALUE, XLSX_VALUE})
    Mono<ResponseEntity<ImportResponse>> raw(ServerHttpRequest request) {
        boolean xlsx = MediaType.parseMediaType(XLSX_VALUE)
                .isCompatibleWith(request.getHeaders().getContentType());
        return bytes(request.getBody()).flatMap(file -> run(file, xlsx));
    }

    @GetMapping("/template.csv")
    Mono<ResponseEntity<byte[]>> csvTemplate() {
        return template()
                .map(rows -> download(
                        CsvSheets.write(rows), new MediaType("text", "csv", StandardCharsets.UTF_8), "活动导入模板.csv"));
    }

    @GetMapping("/template.xlsx")
    Mono<ResponseEntity<byte[]>> xlsxTemplate() {
        return template()
                .flatMap(rows -> Mono.fromCallable(() -> XlsxSheets.write(ImportTemplate.workbook(rows)))
                        .subscribeOn(Schedulers.boundedElastic()))
                .map(bytes -> download(bytes, MediaType.parseMediaType(XLSX_VALUE), "活动导入模板.xlsx"));
    }

    private Mono<ResponseEntity<ImportResponse>> run(byte[] file, boolean xlsx) {
        // reading a workbook is blocking, CPU-bound work: keep it off the event loop
        return Mono.fromCallable(() -> ImportSheet.read(xlsx ? XlsxSheets.read(file) : CsvSheets.read(file)))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(rows -> Actors.require().flatMap(actor -> activities.importDrafts(actor, rows)))
                .map(imported -> ResponseEntity.status(HttpStatus.CREATED)
                        .body(new ImportResponse(
                                imported.size(),
                                imported.stream().map(Activity::id).toList())));
    }

    private Mono<List<List<Object>>> template() {
        LocalDate today = LocalDate.ofInstant(clock.instant(), CampaignTime.ZONE);
        return Actors.require()
                .flatMap(actor -> Mono.zip(
                        campaigns
                                .list(CampaignFilter.all())
                                .collectList()
                                .map(editions -> ImportTemplate.edition(editions, today)),
                        // a national unit's example is placed in Beijing
                        regions.require(actor.regionCode().orElse("11"))))
                .map(found -> ImportTemplate.rows(found.getT1(), found.getT2(), today));
    }

    private static ServerHttpRequest inMemory(ServerHttpRequest request, byte[] body) {
        return new ServerHttpRequestDecorator(request) {
            @Override
            public Flux<DataBuffer> getBody() {
                return Flux.defer(() -> Flux.just(DefaultDataBufferFactory.sharedInstance.wrap(body)));
            }
        };
    }

    private static Mono<byte[]> bytes(Flux<DataBuffer> body) {
        return DataBufferUtils.join(body)
                .map(buffer -> {
                    try {
                        byte[] bytes = new byte[buffer.readableByteCount()];
                        buffer.read(bytes);
                        return bytes;
                    } finally {
                        DataBufferUtils.release(buffer);
                    }
                })
                .defaultIfEmpty(new byte[0]);
    }

    private static ResponseEntity<byte[]> download(byte[] body, MediaType type, String filename) {
        return ResponseEntity.ok()
                .contentType(type)
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(filename, StandardCharsets.UTF_8)
                                .build()
                                .toString())
                .body(body);
    }
}
