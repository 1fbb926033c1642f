package io.aisle.serving.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "models", mixinStandardHelpOptions = true, description = "List, show, approve, import and export model versions.")
final class ModelsCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        System.err.println("aisle: 'models' is not built yet (issue 3)");
        return 3;
    }
}
