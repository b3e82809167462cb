package io.trustgate.testsupport;


import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The Azurite the tests run against: started with {@code scripts/azurite.sh start} when nothing answers on
 * 127.0.0.1:10000. Under {@code CI=true} a missing Azurite fails the test; elsewhere it is skipped.
 */
public final class Azurite {

    /** Azurite's published development key (not a secret). */
    public static final String KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/"
            + "K1SZFPTOtr/KBHBeksoGMGw==";
    public static final String ENDPOINT = "http://127.0.0.1:10000/devstoreaccount1";
    /** A connection string for the development account on {@link #ENDPOINT}. */
    public static final String CONNECTION_STRING = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;"
            + "AccountKey=" + KEY + ";BlobEndpoint=" + ENDPOINT + ";";

    private Azurite() {
    }

    public static void require() {
        if (answers()) {
            return;
        }
        String problem;
        try {
            Path script = repoRoot().resolve("scripts/azurite.sh");
            Process p = new ProcessBuilder("bash", script.toString(), "start").inheritIO().start();
            problem = p.waitFor(300, TimeUnit.SECONDS) && p.exitValue() == 0 && answers() ? null
                    : "scripts/azurite.sh start failed";
        } catch (IOException e) {
            problem = "cannot run scripts/azurite.sh: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            problem = "interrupted";
        }
        if (problem != null) {
            RequiredBackend.missing("Azurite not available: " + problem);
        }
    }

    private static boolean answers() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", 10000), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static Path repoRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("scripts/azurite.sh"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("scripts/azurite.sh not found above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }
}
