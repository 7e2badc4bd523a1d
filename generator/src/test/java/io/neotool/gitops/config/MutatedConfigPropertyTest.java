package io.neotool.gitops.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.neotool.gitops.Generator;
import io.neotool.gitops.TestSupport;
import io.neotool.gitops.config.load.ConfigException;
import io.neotool.gitops.wiring.Components;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Mutates the committed configs (delete, duplicate, retype, rename, re-indent, truncate, inject
 * bytes) and feeds them to the loader: every case must end as a config error located in the file,
 * or as a valid environment the generator turns into a tree. Any other exception is a bug.
 */
@net.jqwik.api.Tag("slow")
class MutatedConfigPropertyTest {
    private static final List<byte[]> BASES = List.of(read("production.yaml"), read("dev.yaml"));
    private static final String[] VALUES = {
        "0",
        "-1",
        "1.5",
        "true",
        "null",
        "~",
        "[]",
        "{}",
        "[a, b]",
        "{a: 1}",
        "\"\"",
        "latest",
        "x:y",
        "'quoted'",
        "&a x",
        "*a",
        "!!binary AAAA",
        "999999999999999999999",
        "1e400",
        ".nan",
        "\"\\u0000\"",
        "|\n  block",
        "- item"
    };
    private static final String[] INJECTED = {
        "\t",
        "\0",
        ": ",
        "- ",
        "#",
        "&",
        "*",
        "{",
        "[",
        "'",
        "\"",
        "\n",
        "\r\n",
        "%YAML 1.1\n",
        "---\n",
        "...\n",
        "? ",
        "!",
        "\\",
        "\u00e9",
        "\ufeff"
    };

    private static byte[] read(String name) {
        try {
            return Files.readAllBytes(TestSupport.configDir().resolve(name));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Provide
    Arbitrary<Long> seeds() {
        return Arbitraries.longs();
    }

    @Property(tries = 10_000, seed = "20261127")
    void everyMutationIsALocatedConfigErrorOrAValidEnvironment(
            @ForAll("seeds") long seed, @ForAll @IntRange(min = 1, max = 3) int mutations) {
        Random random = new Random(seed);
        byte[] bytes = BASES.get(random.nextInt(BASES.size()));
        for (int i = 0; i < mutations; i++) {
            bytes = mutate(bytes, random);
        }
        LoadedConfig loaded;
        try {
            loaded =
                    Components.loader()
                            .parse(bytes, "config/mutated.yaml", TestSupport.configDir());
        } catch (ConfigException e) {
            assertThat(e.problems())
                    .isNotEmpty()
                    .allSatisfy(
                            p -> {
                                assertThat(p.file()).isEqualTo("config/mutated.yaml");
                                assertThat(p.line()).as(p.format()).isPositive();
                                assertThat(p.column()).as(p.format()).isPositive();
                                assertThat(p.message()).isNotBlank();
                            });
            return;
        }
        assertThat(new Generator().generate(loaded).files()).isNotEmpty();
    }

    static byte[] mutate(byte[] bytes, Random random) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        int at = random.nextInt(lines.size());
        String line = lines.get(at);
        switch (random.nextInt(7)) {
            case 0 -> lines.remove(at);
            case 1 -> lines.add(at, line);
            case 2 -> {
                int colon = line.indexOf(": ");
                String value = VALUES[random.nextInt(VALUES.length)];
                lines.set(
                        at, colon < 0 ? line + ": " + value : line.substring(0, colon + 2) + value);
            }
            case 3 -> {
                String trimmed = line.stripLeading();
                int indent = line.length() - trimmed.length();
                int colon = trimmed.indexOf(':');
                if (colon > 0) {
                    int pos = random.nextInt(colon);
                    char replacement = (char) ('a' + random.nextInt(26));
                    lines.set(
                            at,
                            line.substring(0, indent + pos)
                                    + replacement
                                    + line.substring(indent + pos + 1));
                }
            }
            case 4 ->
                    lines.set(at, random.nextBoolean() ? " " + line : line.replaceFirst("^ ", ""));
            case 5 -> {
                return java.util.Arrays.copyOf(bytes, random.nextInt(bytes.length + 1));
            }
            default -> {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                int pos = random.nextInt(bytes.length + 1);
                out.write(bytes, 0, pos);
                if (random.nextBoolean()) {
                    out.writeBytes(
                            INJECTED[random.nextInt(INJECTED.length)].getBytes(
                                    StandardCharsets.UTF_8));
                } else {
                    byte[] noise = new byte[1 + random.nextInt(8)];
                    random.nextBytes(noise);
                    out.writeBytes(noise);
                }
                out.write(bytes, pos, bytes.length - pos);
                return out.toByteArray();
            }
        }
        return String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
    }
}
