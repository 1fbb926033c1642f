package io.aisle.training.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ./aisle train all}: also-bought, for-you and the ranker, in order, on one user log. */
@Command(name = "all", mixinStandardHelpOptions = true,
        description = "Train also-bought, for-you and the ranker in order on one user log and publish all three.")
final class AllCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

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
        return TrainingRun.execute(spec, "aisle-all", common, input,
                (run, log) -> RankedTraining.run(run, log, input.path(), alsoBought, forYou, ranker, true),
                () -> input.requireUsers("all"), alsoBought, forYou, ranker);
    }
}
