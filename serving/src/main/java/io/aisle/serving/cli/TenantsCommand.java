package io.aisle.serving.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "tenants", mixinStandardHelpOptions = true, description = "Create tenants and manage their API keys.")
final class TenantsCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        System.err.println("aisle: 'tenants' is not built yet (issue 4)");
        return 3;
    }
}
