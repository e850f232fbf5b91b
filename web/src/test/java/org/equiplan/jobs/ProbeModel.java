package org.equiplan.jobs;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.equiplan.problem.FieldError;
import org.equiplan.solve.Answer;
import org.equiplan.solve.Comparison;
import org.equiplan.solve.ConstraintTotal;
import org.equiplan.solve.PlanningModel;
import org.equiplan.solve.Progress;
import org.equiplan.solve.SolveListener;
import org.equiplan.solve.SolveOptions;

/**
 * A kind for tests of the job lifecycle only (registered from the test classpath): its "solve" reports a new
 * best every {@code stepMillis} until the time limit or a stop, counting steps on from a warm start, and throws
 * at the end when {@code fail} is set. So a test knows exactly what a job does without depending on a solver.
 */
public final class ProbeModel implements PlanningModel<ProbeModel.Problem, ProbeModel.Result> {

    public static final String KIND = "probe";

    /**
     * @param fail throw at the end of the solve
     * @param brokenAnswers every best's answer throws when built (as a report that cannot be computed would)
     */
    public record Problem(String kind, String name, Long stepMillis, Boolean fail, Boolean brokenAnswers) {}

    /**
     * The answer: how many steps were taken in all (across resumptions), how many attempts took them, and the
     * time limit the last attempt was given.
     */
    public record Result(
            String kind, String name, String score, boolean feasible, long steps, int attempts, long limitMillis)
            implements Answer {
        @Override
        public List<ConstraintTotal> constraints() {
            return List.of();
        }
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Class<Problem> problemType() {
        return Problem.class;
    }

    @Override
    public Class<Result> answerType() {
        return Result.class;
    }

    @Override
    public List<FieldError> validate(Problem p) {
        List<FieldError> errors = new ArrayList<>();
        if (p.stepMillis() == null || p.stepMillis() < 1) {
            errors.add(new FieldError("stepMillis", "must be >= 1"));
        }
        return errors;
    }

    @Override
    public String summary(Problem p) {
        return "probe stepping every " + p.stepMillis() + " ms";
    }

    @Override
    public String name(Problem p) {
        return p.name() == null ? KIND : p.name();
    }

    @Override
    public Size size(Problem p) {
        return new Size("steps", 1);
    }

    @Override
    public Result solve(Problem p, SolveOptions options, SolveListener<? super Result> listener, Result warm) {
        long start = System.nanoTime();
        long end = start + Math.round(options.seconds() * 1e9);
        AtomicBoolean stopped = new AtomicBoolean();
        listener.started(() -> stopped.set(true));
        long limit = Math.round(options.seconds() * 1000);
        long steps = warm == null ? 0 : warm.steps();
        int attempts = warm == null ? 1 : warm.attempts() + 1;
        Result best = null;
        while (!stopped.get() && System.nanoTime() < end) {
            try {
                Thread.sleep(p.stepMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            steps++;
            Result r = new Result(KIND, name(p), "-" + steps + "soft", true, steps, attempts, limit);
            best = r;
            listener.improved(new Progress((System.nanoTime() - start) / 1_000_000, r.score(), true), () -> {
                if (Boolean.TRUE.equals(p.brokenAnswers())) {
                    throw new ArithmeticException("this answer cannot be built");
                }
                return r;
            });
        }
        if (Boolean.TRUE.equals(p.fail())) {
            throw new IllegalStateException("the probe fails as asked, after " + steps + " steps");
        }
        return best != null ? best : new Result(KIND, name(p), "-" + steps + "soft", true, steps, attempts, limit);
    }

    @Override
    public Record analyze(Problem p, Result r) {
        return r;
    }

    @Override
    public Comparison compare(List<String> labels, List<Result> answers) {
        throw new UnsupportedOperationException("probe answers are not compared");
    }

    @Override
    public String csv(Result r) {
        return "steps\n" + r.steps() + "\n";
    }
}
