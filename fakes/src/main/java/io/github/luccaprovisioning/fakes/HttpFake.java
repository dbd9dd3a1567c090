package io.github.luccaprovisioning.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * What the sandbox's HTTP servers share: a loopback server on a free port, JSON answers, query and form parsing,
 * Deprecation and Sunset headers.
 */
abstract class HttpFake implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    static {
        // the JDK server writes headers and body apart; without TCP_NODELAY each answer can wait for a delayed ACK
        // (tens of milliseconds), which would make the sandbox look like a slow target
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final HttpServer server;
    private final ExecutorService threads;
    private volatile String deprecation;
    private volatile String sunset;

    HttpFake(int threadCount) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 100);
        threads = Executors.newFixedThreadPool(threadCount, runnable -> {
            Thread thread = new Thread(runnable, getClass().getSimpleName());
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(threads);
        server.createContext("/", exchange -> {
            // the 500 is sent before the exchange is closed (a catch of the try-with-resources would come after)
            try (exchange) {
                try {
                    handle(exchange);
                } catch (RuntimeException | IOException e) {
                    respond(exchange, 500, "{\"Message\":\"sandbox error: " + e.getClass().getSimpleName() + "\"}", "application/json");
                }
            }
        });
        server.start();
    }

    abstract void handle(HttpExchange exchange) throws IOException;

    /** The address to configure, for example http://127.0.0.1:40123 */
    public String baseUrl() {
        return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort();
    }

    static void respond(HttpExchange exchange, int status, Object json, String contentType) throws IOException {
        byte[] body = json instanceof String text ? text.getBytes(StandardCharsets.UTF_8) : JSON.writeValueAsBytes(json);
        HeldAnswer held = HeldAnswer.OF_THIS_THREAD.get();
        if (held != null) {
            held.status = status;
            held.body = body;
            held.contentType = contentType;
            return;
        }
        send(exchange, status, body, contentType);
    }

    /**
     * An answer kept back instead of sent while its thread {@link #holds()} one: a fake that answers after a latency
     * works out the answer first, then sends it when the latency is over, out of any lock. (The JDK server's
     * exchange attributes are its context's, shared by all exchanges, so the thread tells.)
     */
    static final class HeldAnswer {
        private static final ThreadLocal<HeldAnswer> OF_THIS_THREAD = new ThreadLocal<>();
        private int status;
        private byte[] body;
        private String contentType;

        /** The answers this thread works out from now on are kept here instead of sent. */
        static HeldAnswer holds() {
            HeldAnswer answer = new HeldAnswer();
            OF_THIS_THREAD.set(answer);
            return answer;
        }

        /** From now on, this thread's answers are sent at once. */
        void stopHolding() {
            OF_THIS_THREAD.remove();
        }

        void send(HttpExchange exchange) throws IOException {
            if (body != null) {
                HttpFake.send(exchange, status, body, contentType);
            }
        }
    }

    private static void send(HttpExchange exchange, int status, byte[] body, String contentType) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    static JsonNode readJson(HttpExchange exchange) throws IOException {
        return JSON.readTree(exchange.getRequestBody());
    }

    static Map<String, String> query(HttpExchange exchange) {
        return parameters(exchange.getRequestURI().getRawQuery());
    }

    /** The parameters of a raw query or of a form-encoded body ({@code a=1&b=x%20y}), decoded; none for null. */
    static Map<String, String> parameters(String raw) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return parameters;
        }
        for (String pair : raw.split("&")) {
            int equals = pair.indexOf('=');
            String key = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            parameters.put(key, value);
        }
        return parameters;
    }

    /** Puts these Deprecation and Sunset headers on the API's answers from now on (null, null: none). */
    public void announceDeprecation(String deprecationHeader, String sunsetHeader) {
        deprecation = deprecationHeader;
        sunset = sunsetHeader;
    }

    /** The Deprecation and Sunset headers announced, on this answer. */
    void markDeprecation(HttpExchange exchange) {
        if (deprecation != null) {
            exchange.getResponseHeaders().set("Deprecation", deprecation);
        }
        if (sunset != null) {
            exchange.getResponseHeaders().set("Sunset", sunset);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
