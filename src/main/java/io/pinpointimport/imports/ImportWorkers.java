package io.pinpointimport.imports;

import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Runs the background work of this replica: checks before submission, submission (on its
 * interval, and at once when an import arrives or a slot frees; one loop per job slot, so
 * a slow call never idles another slot), polling, and the orphan-job watch. Every replica
 * runs the same loops; the database decides who does what.
 */
@Component
class ImportWorkers implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(ImportWorkers.class);

	/** Upper bound of steps per run, so one loop never starves the others. */
	private static final int MAX_STEPS = 500;

	/** Most submission loops per replica, whatever the job limit. */
	private static final int MAX_SUBMITTERS = 8;

	private final Poller poller;

	private final Preflighter preflighter;

	private final ImportSettings settings;

	private final List<Loop> submission;

	private final OrphanWatch orphans;

	private final OrphanJobSettings orphanSettings;

	private final Loop preflight;

	private volatile ThreadPoolTaskScheduler scheduler;

	ImportWorkers(Submitter submitter, Poller poller, Preflighter preflighter, OrphanWatch orphans,
			ImportSettings settings, OrphanJobSettings orphanSettings) {
		this.poller = poller;
		this.preflighter = preflighter;
		this.orphans = orphans;
		this.settings = settings;
		this.orphanSettings = orphanSettings;
		int loops = Math.min(settings.concurrentJobLimit(), MAX_SUBMITTERS);
		this.submission = IntStream.range(0, loops).mapToObj(n -> new Loop("submission", submitter::step)).toList();
		this.preflight = new Loop("preflight", this::preflightStep);
	}

	/**
	 * Checks one import; once checked it may take a slot, so the submission loops look at
	 * once rather than on their next interval (a wake-up that raced the check found the
	 * import not yet ready and would leave it waiting up to a full interval).
	 */
	private boolean preflightStep() {
		boolean checked = this.preflighter.step();
		if (checked) {
			wakeSubmission();
		}
		return checked;
	}

	/** Asks for the queue to be looked at now, e.g. after an import arrived. */
	void wake() {
		ThreadPoolTaskScheduler running = this.scheduler;
		if (running == null) {
			return;
		}
		if (this.preflighter.active()) {
			this.preflight.wake(running);
		}
		this.submission.forEach(loop -> loop.wake(running));
	}

	private void wakeSubmission() {
		ThreadPoolTaskScheduler running = this.scheduler;
		if (running != null) {
			this.submission.forEach(loop -> loop.wake(running));
		}
	}

	@Override
	public void start() {
		ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
		scheduler.setPoolSize(this.submission.size() + 4);
		scheduler.setThreadNamePrefix("imports-");
		// Let an in-flight CreateImportJob finish rather than leave it in doubt.
		scheduler.setWaitForTasksToCompleteOnShutdown(true);
		scheduler.setAwaitTerminationMillis(this.settings.submission().callTimeout().toMillis());
		scheduler.initialize();
		this.submission
			.forEach(loop -> scheduler.scheduleWithFixedDelay(loop::run, this.settings.submission().interval()));
		scheduler.scheduleWithFixedDelay(this::watchOrphans, this.orphanSettings.interval());
		scheduler.scheduleWithFixedDelay(this::poll, this.settings.polling().tick());
		if (this.preflighter.active()) {
			scheduler.scheduleWithFixedDelay(this.preflight::run, this.settings.submission().interval());
		}
		this.scheduler = scheduler;
	}

	@Override
	public void stop() {
		ThreadPoolTaskScheduler running = this.scheduler;
		this.scheduler = null;
		if (running != null) {
			running.shutdown();
		}
	}

	@Override
	public boolean isRunning() {
		return this.scheduler != null;
	}

	private void watchOrphans() {
		try {
			this.orphans.scan();
		}
		catch (RuntimeException ex) {
			log.warn("Orphan watch failed; trying again on the next tick: {}", ex.toString());
		}
	}

	private void poll() {
		try {
			if (this.poller.pollDue() > 0) {
				// finished jobs freed their slots
				wake();
			}
		}
		catch (RuntimeException ex) {
			log.warn("Polling failed; trying again on the next tick: {}", ex.toString());
		}
	}

	/**
	 * One loop of steps that runs on one thread at a time: a wake-up while it runs makes
	 * it go round once more, and wake-ups in a burst queue one run, not one each.
	 */
	private final class Loop {

		private final String name;

		private final BooleanSupplier step;

		private final AtomicBoolean busy = new AtomicBoolean();

		private final AtomicBoolean again = new AtomicBoolean();

		private final AtomicBoolean queued = new AtomicBoolean();

		Loop(String name, BooleanSupplier step) {
			this.name = name;
			this.step = step;
		}

		void wake(Executor executor) {
			this.again.set(true);
			// A run in progress re-checks 'again' after it releases 'busy'.
			if (this.busy.get() || !this.queued.compareAndSet(false, true)) {
				return;
			}
			try {
				executor.execute(() -> {
					this.queued.set(false);
					runWhileAsked();
				});
			}
			catch (TaskRejectedException ex) {
				// shutting down: the next replica to run picks the work up
				this.queued.set(false);
			}
		}

		void run() {
			this.again.set(true);
			runWhileAsked();
		}

		private void runWhileAsked() {
			while (this.again.get() && this.busy.compareAndSet(false, true)) {
				try {
					this.again.set(false);
					int steps = 0;
					while (isRunning() && steps++ < MAX_STEPS && this.step.getAsBoolean()) {
						// each step claims its own work
					}
				}
				catch (RuntimeException ex) {
					log.warn("Import {} step failed; trying again on the next tick: {}", this.name, ex.toString());
				}
				finally {
					this.busy.set(false);
				}
			}
		}

	}

}
