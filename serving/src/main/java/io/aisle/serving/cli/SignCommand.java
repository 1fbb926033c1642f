package io.aisle.serving.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "sign", mixinStandardHelpOptions = true, description = "Print curl-ready signed request headers.")
final class SignCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        System.err.println("aisle: 'sign' is not built yet (issue 4)");
        return 3;
    }
}
