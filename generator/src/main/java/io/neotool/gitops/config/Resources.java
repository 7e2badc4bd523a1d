package io.neotool.gitops.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Requests and limits of one container, as Kubernetes quantities. */
public record Resources(
        @JsonPropertyDescription("What the scheduler reserves for the container on the node.")
                @JsonProperty(required = true)
                Amount requests,
        @JsonPropertyDescription(
                        "The most the container may use: above the memory limit it is killed, above the CPU limit throttled.")
                @JsonProperty(required = true)
                Amount limits) {

    /** Fixed resources of a helper container the config does not size (a Job, an exporter). */
    public static Resources of(String cpu, String memory, String cpuLimit, String memoryLimit) {
        return new Resources(new Amount(cpu, memory), new Amount(cpuLimit, memoryLimit));
    }

    /** CPU and memory, e.g. {@code 250m} and {@code 512Mi}. */
    public record Amount(
            @JsonPropertyDescription(
                            "CPU as a Kubernetes quantity: cores (1) or millicores (250m).")
                    @JsonProperty(required = true)
                    String cpu,
            @JsonPropertyDescription(
                            "Memory as a Kubernetes quantity in binary units (512Mi, 2Gi).")
                    @JsonProperty(required = true)
                    String memory) {}
}
