package io.trustgate.compat.redis;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/** Makes sure the real servers behind each {@link Target} answer before a gateway is pointed at them. */
final class Backends {

    private static final int STANDALONE_PORT = 6379;
    private static final int[] CLUSTER_PORTS = {7000, 7001, 7002};

    private Backends() {
    }

    /** Null when {@code target}'s backend is up (starting the cluster if needed), else why it is not. */
    static synchronized String ensure(Target target) {
        return switch (target) {
            case PASSTHROUGH -> ping(STANDALONE_PORT) ? null
                    : "no Redis answers PING on 127.0.0.1:" + STANDALONE_PORT;
            case CLUSTER -> ensureCluster();
            case EMBEDDED -> null;
            case POSTGRES -> listening(5432) ? null : "no PostgreSQL listens on 127.0.0.1:5432 (.ci/run starts it)";
            case MARIADB -> listening(3306) ? null : "no MariaDB listens on 127.0.0.1:3306 (.ci/run starts it)";
        };
    }

    private static String ensureCluster() {
        if (clusterHealthy()) {
            return null;
        }
        String script = Processes.projectRoot().resolve("scripts/redis-cluster.sh").toString();
        Processes.Result result;
        try {
            result = Processes.run(List.of("bash", script, "start"), Duration.ofSeconds(150), null);
        } catch (IOException e) {
            return script + " start could not run: " + e.getMessage();
        }
        if (result.exitCode() != 0 || !clusterHealthy()) {
            return script + " start exited " + result.exitCode() + ":\n" + result.output();
        }
        return null;
    }

    private static boolean clusterHealthy() {
        for (int port : CLUSTER_PORTS) {
            try (RespSocket s = new RespSocket(port)) {
                Object info = s.call("CLUSTER", "INFO");
                if (!(info instanceof byte[] bytes)
                        || !new String(bytes, StandardCharsets.UTF_8).contains("cluster_state:ok")) {
                    return false;
                }
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }

    private static boolean listening(int port) {
        try (java.net.Socket s = new java.net.Socket()) {
            s.connect(new java.net.InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean ping(int port) {
        try (RespSocket s = new RespSocket(port)) {
            return "PONG".equals(s.call("PING"));
        } catch (IOException e) {
            return false;
        }
    }
}
