package io.github.luccaprovisioning.ops;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The container's HEALTHCHECK: {@code java -cp lucca-provisioning.jar io.github.luccaprovisioning.ops.HealthProbe URL}
 * exits 0 when the health URL answers 200, 1 otherwise. The JRE base image has no curl or wget to count on.
 */
public final class HealthProbe {

    private HealthProbe() {
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("Usage: HealthProbe http://localhost:9876/observe/health");
            System.exit(2);
        }
        System.exit(healthy(URI.create(args[0])) ? 0 : 1);
    }

    static boolean healthy(URI health) {
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                System.err.println(answer.body());
            }
            return answer.statusCode() == 200;
        } catch (Exception e) {
            System.err.println("No answer from " + health + ": " + e.getMessage());
            return false;
        }
    }
}
