/**
 * Carrier health, without Vert.x: the sliding window of attempt outcomes ({@link
 * io.switchboard.health.core.OutcomeWindow}), the product specification's 0–100 health score
 * ({@link io.switchboard.health.core.HealthScore}) and the per-carrier state machine with
 * hysteresis, auto-disable and operator disable/enable ({@link
 * io.switchboard.health.core.CarrierHealthTracker}).
 *
 * <p>Time is always passed in ({@code nowMs}, epoch milliseconds) so that the logic is
 * deterministic; nothing here reads the system clock. Nothing here is thread-safe: a tracker
 * belongs to one thread (the health verticle's event loop).
 */
package io.switchboard.health.core;
