package io.hiraku.app;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.PrintStream;

/**
 * A command that changes the store outside the drops (a withdrawal, a prune), as the operator gave it: done
 * under the work folder's lock, or handed over to the {@code run} that holds it ({@link OperatorRequests}),
 * which does it with its own settings. Only the command's own options travel.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record OperatorRequest(String command, String dataset, String release, Boolean wholeDataset, String reason,
                       Boolean eraseOriginals, Integer keep) {

    static OperatorRequest withdraw(String dataset, String release, boolean wholeDataset, String reason,
                                    boolean eraseOriginals) {
        return new OperatorRequest("withdraw", dataset, release, wholeDataset, reason, eraseOriginals, null);
    }

    static OperatorRequest prune(int keep, String dataset) {
        return new OperatorRequest("prune", dataset, null, null, null, null, keep);
    }

    /** Does it with these settings, saying what was done on {@code out} and what went wrong on {@code err}. */
    int execute(Settings settings, PrintStream out, PrintStream err) throws Exception {
        // both change the store: the next start rebuilds the catalog, whatever the last rebuild was made from
        new CatalogRebuilt(settings.work()).forget();
        return switch (command) {
            case "withdraw" -> HirakuCommand.Withdraw.withdraw(settings, this, out, err);
            case "prune" -> HirakuCommand.Prune.prune(settings, this, out);
            default -> throw new IllegalArgumentException("unknown request '" + command + "'");
        };
    }
}
