package io.aisle.simulations.cli;

/** Exit code and message of a listed subcommand whose issue has not landed. */
final class NotBuiltYet {

    static final int EXIT_CODE = 3;

    private NotBuiltYet() {
    }

    static int report(String command, int issue) {
        System.err.println("aisle: '" + command + "' is not built yet (issue " + issue + ")");
        return EXIT_CODE;
    }
}
