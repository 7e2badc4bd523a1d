package io.neotool.gitops.config.load;

import io.neotool.gitops.config.ConfigProblem;
import io.neotool.gitops.config.SourceMap;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One config file read: its text and where each of its keys stands. Reading refuses what cannot be
 * a config (too large, not UTF-8, a NUL, empty, a YAML error, no settings) with a located problem.
 */
record ConfigPart(String file, String text, SourceMap map) {

    static ConfigPart read(byte[] bytes, String displayName) {
        if (bytes.length > ConfigLoader.MAX_BYTES) {
            throw ConfigLoader.fail(
                    new ConfigProblem(
                            displayName,
                            1,
                            1,
                            "",
                            "the file is larger than the limit of "
                                    + ConfigLoader.MAX_BYTES
                                    + " bytes",
                            "a config is a few KiB; spread many apps over files named in include"));
        }
        String text = decode(bytes, displayName);
        if (text.isBlank()) {
            throw ConfigLoader.fail(
                    new ConfigProblem(
                            displayName,
                            1,
                            1,
                            "",
                            "the file is empty",
                            "start from config/production.yaml"));
        }
        List<ConfigProblem> problems = new ArrayList<>();
        SourceMap map = SourceMapReader.read(displayName, text, problems);
        if (map == null) {
            throw new ConfigException(problems);
        }
        if (map.isEmpty()) {
            throw ConfigLoader.fail(
                    new ConfigProblem(
                            displayName,
                            1,
                            1,
                            "",
                            "the file holds no settings",
                            "start from config/production.yaml"));
        }
        return new ConfigPart(displayName, text, map);
    }

    private static String decode(byte[] bytes, String displayName) {
        var decoder =
                StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        java.nio.CharBuffer out = java.nio.CharBuffer.allocate(bytes.length);
        var result = decoder.decode(in, out, true);
        if (result.isError()) {
            int offset = in.position();
            int line = 1;
            int lineStart = 0;
            for (int i = 0; i < offset; i++) {
                if (bytes[i] == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            throw ConfigLoader.fail(
                    new ConfigProblem(
                            displayName,
                            line,
                            offset - lineStart + 1,
                            "",
                            "the file is not valid UTF-8 (byte 0x"
                                    + String.format("%02x", bytes[offset] & 0xff)
                                    + ")",
                            "save it as UTF-8; binary files are not configs"));
        }
        decoder.flush(out);
        String text = out.flip().toString();
        int nul = text.indexOf('\0');
        if (nul >= 0) {
            String before = text.substring(0, nul);
            int line = (int) before.chars().filter(c -> c == '\n').count() + 1;
            throw ConfigLoader.fail(
                    new ConfigProblem(
                            displayName,
                            line,
                            nul - before.lastIndexOf('\n'),
                            "",
                            "the file contains a NUL character",
                            "binary files are not configs"));
        }
        return text;
    }
}
