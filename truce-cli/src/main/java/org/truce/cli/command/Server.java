package org.truce.cli.command;

import io.javalin.Javalin;
import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;
import org.truce.cli.DemoScenario;
import org.truce.cli.Runtime;
import org.truce.cli.StoreOptions;
import org.truce.cli.WitnessOptions;
import org.truce.web.WebConfig;
import org.truce.web.WebServer;

/** Starts Truce's HTTP server on an opened runtime and blocks until the process is asked to stop. */
final class Server {
    private Server() {
    }

    static int run(StoreOptions store, WitnessOptions witnessing, String host, int port, boolean demo, PrintWriter out)
            throws InterruptedException {
        long started = System.nanoTime();
        Runtime runtime = Runtime.open(store, witnessing);
        CountDownLatch stopped = new CountDownLatch(1);
        Javalin app;
        try {
            long replayed = runtime.catchUp();
            if (replayed > 0) {
                out.println("Brought the projections up to date with " + replayed + " log entries.");
            }
            if (demo && runtime.ledger().size() == 0) {
                out.println("Loading the 2016 Syria demo scenario…");
                out.println("Loaded " + DemoScenario.load(runtime.imports()).line() + ".");
            }
            WebConfig config = new WebConfig(DemoScenario.BASEMAP, Version.current(), WebConfig.DEFAULT_MAX_REQUEST_BYTES);
            app = WebServer.create(runtime.services(), config).start(host, port);
        } catch (RuntimeException e) {
            runtime.close();
            throw e;
        }
        Javalin server = app;
        java.lang.Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop();
            runtime.close();
            stopped.countDown();
        }, "truce-shutdown"));
        long millis = (System.nanoTime() - started) / 1_000_000;
        String shown = host.equals("0.0.0.0") || host.equals("127.0.0.1") ? "localhost" : host;
        out.println("Truce is serving " + (demo ? "the 2016 Aleppo demo on" : "on") + " http://" + shown + ":" + server.port()
                + "/ (" + store.describe() + ", " + runtime.ledger().size() + " log entries, ready in " + millis + " ms). Ctrl-C stops it.");
        out.println("Log origin " + runtime.publishedLog().origin() + ", verifier key " + runtime.publishedLog().verifierKey()
                + " (also at /log/key).");
        runtime.witness().ifPresent(w -> out.println("Witnessing " + String.join(", ", w.origins()) + " with cosignature key "
                + w.verifierKey() + " (also at /log/witness/key; add-checkpoint at /log/witness/add-checkpoint)."));
        for (org.truce.log.witness.WitnessEndpoint witness : witnessing.witnesses()) {
            out.println("Checkpoints are sent to the witness " + witness.prefix() + " (" + witness.key() + ") for cosigning.");
        }
        out.flush();
        stopped.await();
        return 0;
    }
}
