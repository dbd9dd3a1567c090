package io.github.luccaprovisioning.check;

import java.util.ArrayList;
import java.util.List;

/** What --check found, one line per finding, and whether both Lucca and the target work with nothing failed. */
public final class ConnectionReport {

    private final List<String> lines = new ArrayList<>();
    private boolean luccaWorks;
    private boolean targetWorks;
    private boolean anythingFailed;
    /** Lucca's count with former employees, to compare with the count without them. */
    Integer everyone;
    /** v5: whether the token endpoint gave a token, which tells a failure of the token endpoint from the API's. */
    boolean luccaTokenObtained;

    void ok(String line) {
        lines.add("[ok]      " + line);
    }

    void warning(String line) {
        lines.add("[warning] " + line);
    }

    void failed(String line) {
        anythingFailed = true;
        lines.add("[FAILED]  " + line);
    }

    void luccaWorks() {
        luccaWorks = true;
    }

    void targetWorks() {
        targetWorks = true;
    }

    public boolean isLuccaWorking() {
        return luccaWorks;
    }

    public boolean isTargetWorking() {
        return targetWorks;
    }

    public boolean isAllWorking() {
        return luccaWorks && targetWorks && !anythingFailed;
    }

    public String getText() {
        return String.join("\n", lines) + "\n";
    }
}
