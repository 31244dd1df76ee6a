package org.kepu;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import java.io.IOException;
import java.io.Reader;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.yaml.snakeyaml.Yaml;

/**
 * The deployment files under {@code infra/} (compose and Kubernetes), checked without Docker or a cluster:
 * every YAML parses; images are pinned; the app has its probes and resources; no secret is committed; and
 * every setting the app refuses to start without is provided, so a new required secret in the code fails
 * here until the manifests supply it. (Schema-level checks: {@code infra/validate.sh}, by hand.)
 */
class InfraManifestsTests {

    static final Path INFRA = Path.of("infra");
    static final Pattern SECRET_NAME = Pattern.compile("(?i).*(PASSWORD|SECRET|KEY|TOKEN).*");
    static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z0-9_]+)");

    @Test
    void everyYamlFileUnderInfraParses() throws IOException {
        List<Path> files = yamlFiles();
        assertThat(files).hasSizeGreaterThan(10);
        for (Path file : files) {
            assertThat(documents(file)).as(file.toString()).isNotEmpty();
        }
    }

    @Test
    void imagesArePinnedToAVersion() throws IOException {
        List<String> images = new ArrayList<>();
        for (Path file : yamlFiles()) {
            for (Object document : documents(file)) {
                collect(document, "image", images);
                collect(document, "imageName", images);
            }
        }
        assertThat(images).hasSizeGreaterThanOrEqualTo(8);
        for (String image : images) {
            if (image.startsWith("${")) {
                continue; // the compose app image: chosen in .env, built locally by default
            }
            assertThat(image).as("image %s", image).matches(".+:[0-9][^:]*").doesNotContain(":latest");
        }
        assertThat(Files.readString(INFRA.resolve("docker/Dockerfile")))
                .containsPattern("FROM node:[0-9.]+")
                .containsPattern("FROM eclipse-temurin:[0-9][^ ]*-jre")
                .contains("USER 10001")
                .contains("MaxRAMPercentage");
    }

    @Test
    void theAppDeploymentHasProbesResourcesAndRunsAsNonRoot() throws IOException {
        Map<String, Object> deployment = kind(INFRA.resolve("k8s/base/deployment.yaml"), "Deployment");
        Map<String, Object> pod = map(map(map(deployment, "spec"), "template"), "spec");
        assertThat(map(pod, "securityContext")).containsEntry("runAsNonRoot", true);
        Map<String, Object> container = app(deployment);
        assertThat(map(map(container, "readinessProbe"), "httpGet"))
                .containsEntry("path", "/actuator/health/readiness");
        assertThat(map(map(container, "livenessProbe"), "httpGet")).containsEntry("path", "/actuator/health/liveness");
        assertThat(map(map(container, "startupProbe"), "httpGet")).containsEntry("path", "/actuator/health/liveness");
        assertThat(map(map(container, "resources"), "requests")).containsKeys("cpu", "memory");
        assertThat(map(map(container, "resources"), "limits")).containsKey("memory");
        assertThat(kind(INFRA.resolve("k8s/base/hpa.yaml"), "HorizontalPodAutoscaler"))
                .extractingByKey("spec")
                .asString()
                .contains("cpu");
        assertThat(kind(INFRA.resolve("k8s/base/pdb.yaml"), "PodDisruptionBudget"))
                .isNotNull();
    }

    @Test
    void everyContainerDeclaresItsResources() throws IOException {
        int containers = 0;
        for (Path file : yamlFiles()) {
            for (Object document : documents(file)) {
                if (document instanceof Map<?, ?> resource
                        && ("Deployment".equals(resource.get("kind")) || "StatefulSet".equals(resource.get("kind")))
                        // an overlay's patch may change only the replicas
                        && cast(resource.get("spec")).containsKey("template")) {
                    for (Object c : list(map(map(map(cast(resource), "spec"), "template"), "spec"), "containers")) {
                        Map<String, Object> requests = map(map(cast(c), "resources"), "requests");
                        assertThat(requests)
                                .as(file + " " + cast(c).get("name"))
                                .containsKeys("cpu", "memory");
                        containers++;
                    }
                }
            }
        }
        assertThat(containers).isGreaterThanOrEqualTo(2);
    }

    @Test
    void noSecretIsCommitted() throws IOException {
        for (Path file : yamlFiles()) {
            for (Object document : documents(file)) {
                if (document instanceof Map<?, ?> resource && "Secret".equals(resource.get("kind"))) {
                    throw new AssertionError(file + " commits a Secret; reference one the operator creates");
                }
                // a secret-looking variable takes its value from a Secret (Kubernetes) or from .env (compose)
                for (Map<String, Object> variable : environment(document)) {
                    String name = String.valueOf(variable.get("name"));
                    if (SECRET_NAME.matcher(name).matches() && !name.equals("KEPU_CHECKIN_VENUEKEYID")) {
                        Object value = variable.get("value");
                        assertThat(value == null || String.valueOf(value).startsWith("${"))
                                .as("%s: %s must come from a Secret or .env, not a literal", file, name)
                                .isTrue();
                    }
                }
            }
        }
        assertThat(Files.readString(INFRA.resolve("compose/.gitignore"))).contains(".env");
    }

    @Test
    void everySettingTheAppRequiresIsProvidedByKubernetesAndCompose() throws IOException {
        Set<String> required = requiredSettings();
        // the ones the app cannot start without today; the scan finds any added later
        assertThat(required)
                .contains(
                        "KEPU_ORGANIZER_TOKENSECRET",
                        "KEPU_CHECKIN_PARTICIPANTKEY",
                        "KEPU_CHECKIN_VENUEKEYS_",
                        "KEPU_CHECKIN_VENUEKEYID");

        Set<String> kubernetes = new TreeSet<>();
        Map<String, Object> deployment = kind(INFRA.resolve("k8s/base/deployment.yaml"), "Deployment");
        for (Object e : list(app(deployment), "env")) {
            Map<String, Object> variable = cast(e);
            kubernetes.add(String.valueOf(variable.get("name")));
            if (SECRET_NAME.matcher(String.valueOf(variable.get("name"))).matches()) {
                assertThat(map(map(variable, "valueFrom"), "secretKeyRef"))
                        .as(String.valueOf(variable.get("name")))
                        .containsKeys("name", "key");
            }
        }
        kubernetes.addAll(map(kind(INFRA.resolve("k8s/base/configmap.yaml"), "ConfigMap"), "data")
                .keySet());

        Map<String, Object> compose =
                cast(documents(INFRA.resolve("compose/docker-compose.yml")).get(0));
        Set<String> composed =
                map(map(map(compose, "services"), "app"), "environment").keySet();

        for (String setting : required) {
            assertThat(kubernetes.stream().anyMatch(name -> provides(name, setting)))
                    .as("k8s/base provides %s", setting)
                    .isTrue();
            assertThat(composed.stream().anyMatch(name -> provides(name, setting)))
                    .as("compose provides %s", setting)
                    .isTrue();
        }
    }

    @Test
    void composeVariablesAreAllInTheExampleEnvironment() throws IOException {
        String compose = Files.readString(INFRA.resolve("compose/docker-compose.yml"));
        Set<String> used = new TreeSet<>();
        Matcher matcher = VARIABLE.matcher(compose);
        while (matcher.find()) {
            used.add(matcher.group(1));
        }
        Set<String> example = new TreeSet<>();
        for (String line : Files.readAllLines(INFRA.resolve("compose/.env.example"))) {
            if (line.matches("[A-Z0-9_]+=.*")) {
                example.add(line.substring(0, line.indexOf('=')));
            }
        }
        assertThat(used).hasSizeGreaterThan(5);
        assertThat(example).containsAll(used);
        Map<String, Object> services =
                map(cast(documents(INFRA.resolve("compose/docker-compose.yml")).get(0)), "services");
        for (String service : List.of("postgres", "redis", "elasticsearch", "app")) {
            assertThat(map(services, service)).as(service).containsKey("healthcheck");
        }
    }

    @Test
    void kustomizationsReferToFilesThatExist() throws IOException {
        List<Path> kustomizations;
        try (Stream<Path> walk = Files.walk(INFRA.resolve("k8s"))) {
            kustomizations = walk.filter(p -> p.getFileName().toString().equals("kustomization.yaml"))
                    .toList();
        }
        assertThat(kustomizations).hasSize(4);
        for (Path kustomization : kustomizations) {
            Map<String, Object> k = cast(documents(kustomization).get(0));
            List<String> references = new ArrayList<>();
            list(k, "resources").forEach(r -> references.add(String.valueOf(r)));
            list(k, "patches").forEach(p -> references.add(String.valueOf(cast(p).get("path"))));
            for (Object generator : list(k, "secretGenerator")) {
                list(cast(generator), "files").forEach(f -> references.add(String.valueOf(f)));
            }
            for (String reference : references) {
                assertThat(kustomization.getParent().resolve(reference))
                        .as(kustomization + " → " + reference)
                        .exists();
            }
        }
    }

    // ---- the required settings, from the code

    /**
     * Record components of Kepu's configuration properties that must be set ({@code @NotBlank}/{@code @NotEmpty}
     * without a default), as environment variable names; a map gives a prefix ending in {@code _}.
     */
    static Set<String> requiredSettings() {
        Set<String> required = new TreeSet<>();
        for (Class<?> type : propertiesClasses()) {
            String prefix = type.getAnnotation(ConfigurationProperties.class).value();
            RecordComponent[] components = type.getRecordComponents();
            Parameter[] parameters = canonicalConstructor(type, components).getParameters();
            for (int i = 0; i < components.length; i++) {
                // constraint annotations land on the constructor parameter (they do not target components)
                RecordComponent component = components[i];
                Parameter parameter = parameters[i];
                boolean mandatory =
                        parameter.isAnnotationPresent(NotBlank.class) || parameter.isAnnotationPresent(NotEmpty.class);
                if (mandatory && !parameter.isAnnotationPresent(DefaultValue.class)) {
                    String name = (prefix + "." + component.getName())
                            .replace('.', '_')
                            .replace("-", "")
                            .toUpperCase(Locale.ROOT);
                    required.add(Map.class.isAssignableFrom(component.getType()) ? name + "_" : name);
                }
            }
        }
        return required;
    }

    private static java.lang.reflect.Constructor<?> canonicalConstructor(Class<?> type, RecordComponent[] components) {
        try {
            return type.getDeclaredConstructor(
                    Stream.of(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The app's configuration-properties records, from its compiled classes. */
    static List<Class<?>> propertiesClasses() {
        Path classes = Path.of("target", "classes");
        try (Stream<Path> walk = Files.walk(classes.resolve("org/kepu"))) {
            List<Class<?>> found = new ArrayList<>();
            for (Path file : walk.filter(p -> p.toString().endsWith(".class")).toList()) {
                String name =
                        classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> type = Class.forName(name, false, InfraManifestsTests.class.getClassLoader());
                if (type.isRecord() && type.isAnnotationPresent(ConfigurationProperties.class)) {
                    found.add(type);
                }
            }
            return found;
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean provides(String variable, String setting) {
        return setting.endsWith("_") ? variable.startsWith(setting) : variable.equals(setting);
    }

    // ---- YAML helpers

    static List<Path> yamlFiles() throws IOException {
        try (Stream<Path> walk = Files.walk(INFRA)) {
            return walk.filter(p -> p.toString().matches(".*\\.ya?ml"))
                    .filter(p -> !p.toString().contains("node_modules"))
                    .sorted()
                    .toList();
        }
    }

    static List<Object> documents(Path file) throws IOException {
        List<Object> documents = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file)) {
            for (Object document : new Yaml().loadAll(reader)) {
                if (document != null) {
                    documents.add(document);
                }
            }
        }
        return documents;
    }

    static Map<String, Object> kind(Path file, String kind) throws IOException {
        for (Object document : documents(file)) {
            if (document instanceof Map<?, ?> resource && kind.equals(resource.get("kind"))) {
                return cast(resource);
            }
        }
        throw new AssertionError("no " + kind + " in " + file);
    }

    static Map<String, Object> app(Map<String, Object> deployment) {
        return cast(list(map(map(map(deployment, "spec"), "template"), "spec"), "containers")
                .get(0));
    }

    /** Environment variables anywhere in a document: Kubernetes {@code env} lists and compose maps. */
    static List<Map<String, Object>> environment(Object node) {
        List<Map<String, Object>> found = new ArrayList<>();
        if (node instanceof Map<?, ?> m) {
            m.forEach((key, value) -> {
                if ("env".equals(key) && value instanceof List<?> l) {
                    l.forEach(e -> found.add(cast(e)));
                } else if ("environment".equals(key) && value instanceof Map<?, ?> variables) {
                    variables.forEach((name, v) -> {
                        Map<String, Object> variable = new LinkedHashMap<>();
                        variable.put("name", name);
                        variable.put("value", v);
                        found.add(variable);
                    });
                } else {
                    found.addAll(environment(value));
                }
            });
        } else if (node instanceof List<?> l) {
            l.forEach(e -> found.addAll(environment(e)));
        }
        return found;
    }

    static void collect(Object node, String key, List<String> into) {
        if (node instanceof Map<?, ?> m) {
            m.forEach((k, v) -> {
                if (key.equals(k) && v instanceof String s) {
                    into.add(s);
                } else {
                    collect(v, key, into);
                }
            });
        } else if (node instanceof List<?> l) {
            l.forEach(e -> collect(e, key, into));
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> cast(Object node) {
        assertThat(node).isInstanceOf(Map.class);
        return (Map<String, Object>) node;
    }

    static Map<String, Object> map(Map<String, Object> node, String key) {
        Object value = node.get(key);
        assertThat(value).as(key).isInstanceOf(Map.class);
        return cast(value);
    }

    static List<?> list(Map<String, Object> node, String key) {
        Object value = node.getOrDefault(key, List.of());
        assertThat(value).as(key).isInstanceOf(List.class);
        return (List<?>) value;
    }
}
