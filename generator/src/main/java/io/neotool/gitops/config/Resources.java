package io.neotool.gitops.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Requests and limits of one container, as Kubernetes quantities. */
public record Resources(
        @JsonProperty(required = true) Amount requests,
        @JsonProperty(required = true) Amount limits) {

    /** Fixed resources of a helper container the config does not size (a Job, an exporter). */
    public static Resources of(String cpu, String memory, String cpuLimit, String memoryLimit) {
        return new Resources(new Amount(cpu, memory), new Amount(cpuLimit, memoryLimit));
    }

    /** CPU and memory, e.g. {@code 250m} and {@code 512Mi}. */
    public record Amount(
            @JsonProperty(required = true) String cpu,
            @JsonProperty(required = true) String memory) {}
}
