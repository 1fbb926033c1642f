package io.aisle.training.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code ./aisle train ranker}: the XGBoost re-ranker. It needs FM and also-bought candidates, so it
 * fits both in-process on the same log (without publishing them) and publishes the ranker.
 */
@Command(name = "ranker", mixinStandardHelpOptions = true,
        description = "Train the XGBoost re-ranker (rank:ndcg) over FM + also-bought candidates and publish it.")
final class RankerCommand implements Callable<Integer> {

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
        return TrainingRun.execute(spec, "aisle-ranker", common, input,
                (run, log) -> RankedTraining.run(run, log, input.path(), alsoBought, forYou, ranker, false),
                () -> input.requireUsers("ranker"), alsoBought::checkForCandidates, alsoBought, forYou, ranker);
    }
}
