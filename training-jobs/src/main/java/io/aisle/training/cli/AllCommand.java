package io.aisle.training.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code ./aisle train all}: also-bought, for-you and the ranker, in order, on one user log. */
@Command(name = "all", mixinStandardHelpOptions = true,
        description = "Train also-bought, for-you and the ranker in order on one user log and publish all three.")
final class AllCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Mixin
    InputOptions input;

    @Mixin
    AlsoBoughtOptions alsoBought;

    @Mixin
    ForYouOptions forYou;

    @Mixin
    RankerOptions ranker;

    @Override
    public Integer call() {
        if (input.isBaskets()) {
            System.err.println("aisle: 'all' needs a user log (--interactions or --events); basket files have no users");
            return 2;
        }
        return TrainingRun.execute("aisle-all", common, input,
                (run, log) -> RankedTraining.run(run, log, input.path(), alsoBought, forYou, ranker, true));
    }
}
