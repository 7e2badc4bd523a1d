package io.neotool.gitops.config.load;

import io.neotool.gitops.config.InfrastructureConfig;
import io.neotool.gitops.config.SettingsKey;
import io.neotool.gitops.config.SourceMap;
import java.util.List;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.LogicalType;
import tools.jackson.dataformat.yaml.YAMLFactory;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The strict YAML mapper configs are bound with: unknown keys, trailing tokens, duplicate keys,
 * nulls for primitives, floats as integers and every scalar coercion refused; input past the size
 * and nesting limits refused before binding; infrastructure bound by the components' settings keys.
 */
final class ConfigMapper {
    private ConfigMapper() {}

    static YAMLMapper of(List<SettingsKey<?>> settings) {
        return YAMLMapper.builder(
                        YAMLFactory.builder()
                                .streamReadConstraints(
                                        StreamReadConstraints.builder()
                                                .maxNestingDepth(SourceMap.MAX_DEPTH)
                                                .maxStringLength(ConfigLoader.MAX_BYTES)
                                                .maxDocumentLength(ConfigLoader.MAX_BYTES)
                                                .build())
                                .build())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                // "" or a blank string is never an empty record, list, number or flag.
                .withCoercionConfigDefaults(
                        c ->
                                c.setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                                        .setAcceptBlankAsEmpty(false))
                .withCoercionConfig(
                        LogicalType.Textual,
                        c ->
                                c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                                        .setCoercion(
                                                CoercionInputShape.Boolean, CoercionAction.Fail))
                .withCoercionConfig(
                        LogicalType.Integer,
                        c ->
                                c.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail))
                .withCoercionConfig(
                        LogicalType.Boolean,
                        c ->
                                c.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                                        .setCoercion(
                                                CoercionInputShape.Integer, CoercionAction.Fail))
                .addModule(
                        new SimpleModule("infrastructure")
                                .addDeserializer(
                                        InfrastructureConfig.class,
                                        new InfrastructureDeserializer(settings)))
                .build();
    }
}
