//! The reminder scheduler: a task of the shell that asks the engine
//! (`canon_desk_app::reminders::tick`) what is due and updates the tray. It holds no
//! rule of its own, and nothing about it needs setting up by the user: it runs as
//! long as the app does, window closed included.
//!
//! It ticks at start, then every [`PERIOD`], and as soon as the wall clock jumps
//! against the monotonic clock: waking from sleep (the monotonic clock stops while
//! the computer sleeps on Linux and macOS) or the clock being set. A beat every
//! [`BEAT`] watches for the jump, so a reminder that fell due during sleep fires
//! within seconds of waking.

use std::sync::Arc;
use std::time::{Duration, Instant};

use canon_desk_app::clock::Clock;
use canon_desk_app::{reminders, Ctx};
use chrono::{DateTime, Utc};
use tauri::{AppHandle, Manager, Runtime};

use crate::notify::{self, OsNotifier};
use crate::tray;

/// How often the engine is asked in the ordinary course.
pub const PERIOD: Duration = Duration::from_secs(60);

/// How often the clocks are compared.
pub const BEAT: Duration = Duration::from_secs(5);

/// A difference between wall and monotonic time over one beat beyond which the wall
/// clock is taken to have jumped (sleep, or the clock set by hand or by NTP).
pub const JUMP: Duration = Duration::from_secs(30);

/// Why the engine is asked now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    /// The app just started.
    Start,
    /// [`PERIOD`] went by.
    Period,
    /// The wall clock jumped (wake from sleep, clock set).
    ClockJump,
}

/// Decides, beat by beat, when to tick. Pure: it is fed the monotonic time since
/// start and the wall-clock instant of each beat.
#[derive(Debug, Default)]
pub struct Pacer {
    last_tick: Option<Duration>,
    last_beat: Option<(Duration, DateTime<Utc>)>,
}

impl Pacer {
    /// A pacer that has not ticked yet.
    pub fn new() -> Pacer {
        Pacer::default()
    }

    /// One beat at monotonic time `mono` and wall time `wall`: whether to tick, and why.
    pub fn on_beat(&mut self, mono: Duration, wall: DateTime<Utc>) -> Option<Reason> {
        let jumped = self.last_beat.is_some_and(|(prev_mono, prev_wall)| {
            let mono_elapsed = mono.saturating_sub(prev_mono);
            let wall_elapsed = wall.signed_duration_since(prev_wall);
            let drift = (wall_elapsed
                - chrono::Duration::from_std(mono_elapsed).unwrap_or_default())
            .abs()
            .to_std()
            .unwrap_or_default();
            drift > JUMP
        });
        self.last_beat = Some((mono, wall));
        let reason = match self.last_tick {
            None => Some(Reason::Start),
            Some(_) if jumped => Some(Reason::ClockJump),
            Some(last) if mono.saturating_sub(last) >= PERIOD => Some(Reason::Period),
            Some(_) => None,
        };
        if reason.is_some() {
            self.last_tick = Some(mono);
        }
        reason
    }
}

/// Starts the scheduler; it runs as long as the app. `clock` is the context's clock,
/// compared with the monotonic clock to notice sleep.
pub fn start<R: Runtime>(app: AppHandle<R>, ctx: Arc<Ctx>, clock: Arc<dyn Clock>) {
    let notifier = Arc::new(OsNotifier::new(app.clone()));
    let refresh = Arc::new(tokio::sync::Notify::new());
    app.manage(TrayRefresh(Arc::clone(&refresh)));
    tauri::async_runtime::spawn(async move {
        let started = Instant::now();
        let mut pacer = Pacer::new();
        let mut beat = tokio::time::interval(BEAT);
        beat.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
        loop {
            tokio::select! {
                _ = beat.tick() => {
                    if let Some(reason) = pacer.on_beat(started.elapsed(), clock.now()) {
                        run(&app, &ctx, &notifier, reason).await;
                    }
                }
                _ = refresh.notified() => recount(&app, &ctx).await,
            }
        }
    });
}

/// Asks for the tray's count to be read again now rather than at the next tick.
pub struct TrayRefresh(Arc<tokio::sync::Notify>);

/// The window lost the focus or was closed: what the user did there (a deadline
/// marked done, snoozed, the language changed) shows in the tray at once.
pub fn refresh_tray<R: Runtime>(app: &AppHandle<R>) {
    if let Some(refresh) = app.try_state::<TrayRefresh>() {
        refresh.0.notify_one();
    }
}

/// Puts the count of due items in the tray, without ticking the engine.
async fn recount<R: Runtime>(app: &AppHandle<R>, ctx: &Arc<Ctx>) {
    match reminders::due_count(ctx).await {
        Ok(due) => tray::update(app, notify::locale(ctx).await, due),
        Err(e) => tracing::warn!(error = %e, "the due count could not be read"),
    }
}

/// One tick of the engine, then the tray. The tick runs on its own task so that a
/// panic in it is logged and the scheduler goes on.
async fn run<R: Runtime>(
    app: &AppHandle<R>,
    ctx: &Arc<Ctx>,
    notifier: &Arc<OsNotifier<R>>,
    reason: Reason,
) {
    let (c, n) = (Arc::clone(ctx), Arc::clone(notifier));
    let ticked =
        tauri::async_runtime::spawn(async move { reminders::tick(&c, n.as_ref()).await }).await;
    match ticked {
        Ok(Ok(report)) => {
            if reason != Reason::Period || report.announced > 0 {
                tracing::info!(?reason, ?report, "reminders ticked");
            }
            tray::update(app, notify::locale(ctx).await, report.due);
        }
        Ok(Err(e)) => tracing::warn!(?reason, error = %e, "the reminder tick failed"),
        Err(e) => tracing::error!(?reason, error = %e, "the reminder tick panicked"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn wall(secs: i64) -> DateTime<Utc> {
        Utc.timestamp_opt(1_790_000_000 + secs, 0)
            .single()
            .unwrap_or_default()
    }

    fn s(secs: u64) -> Duration {
        Duration::from_secs(secs)
    }

    #[test]
    fn ticks_at_start_then_every_period() {
        let mut pacer = Pacer::new();
        let mut ticks = Vec::new();
        for beat in 0..=26u64 {
            let t = beat * BEAT.as_secs();
            if let Some(reason) = pacer.on_beat(s(t), wall(t as i64)) {
                ticks.push((t, reason));
            }
        }
        assert_eq!(
            ticks,
            vec![
                (0, Reason::Start),
                (60, Reason::Period),
                (120, Reason::Period)
            ],
            "one tick at start, then one a minute"
        );
    }

    #[test]
    fn waking_from_sleep_ticks_at_once() {
        let mut pacer = Pacer::new();
        assert_eq!(pacer.on_beat(s(0), wall(0)), Some(Reason::Start), "start");
        assert_eq!(pacer.on_beat(s(5), wall(5)), None, "an ordinary beat");
        // Eight hours asleep: the monotonic clock moved 5 s, the wall clock 8 h.
        assert_eq!(
            pacer.on_beat(s(10), wall(5 + 8 * 3600)),
            Some(Reason::ClockJump),
            "the first beat after waking must tick"
        );
        assert_eq!(
            pacer.on_beat(s(15), wall(10 + 8 * 3600)),
            None,
            "then the ordinary pace resumes"
        );
        assert_eq!(
            pacer.on_beat(s(70), wall(65 + 8 * 3600)),
            Some(Reason::Period),
            "a period after the wake tick"
        );
    }

    #[test]
    fn a_clock_set_back_ticks_and_small_drift_does_not() {
        let mut pacer = Pacer::new();
        pacer.on_beat(s(0), wall(0));
        assert_eq!(
            pacer.on_beat(s(5), wall(5 - 3600)),
            Some(Reason::ClockJump),
            "a clock set back an hour must tick"
        );
        assert_eq!(
            pacer.on_beat(s(10), wall(12 - 3600)),
            None,
            "two seconds of drift are not a jump"
        );
    }
}
