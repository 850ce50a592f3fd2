/**
 * The routing index: rate decks in compact, immutable, lock-free structures for longest-prefix
 * match ({@link io.switchboard.router.index.PrefixTrie},
 * {@link io.switchboard.router.index.RateTable}), the match record
 * ({@link io.switchboard.router.index.RateMatch}) and the call-cost arithmetic in micro-units
 * ({@link io.switchboard.router.index.CostCalculator}, {@link io.switchboard.router.index.Micros}).
 */
package io.switchboard.router.index;
