#pragma once
// Every setting of the BMS, one row each: X(name, unit, default, min, max, scale).
// `scale` PerCell means default, min and max are per cell and multiply by the series count.
// The row order is the parameter's wire id: append new rows at the end, never reorder.
// Sources: [004 §4.2] for levels and ranges, SPEC §2-§4; (own) marks the project's choices.
#define LFPBMS_PARAMS(X)                                                                     \
  /* PR-1/PR-2: cell voltage */                                                              \
  X(cell_ov_alarm_mV, mV, 3600, 1000, 4500, Fixed)                                           \
  X(cell_ov_protect_mV, mV, 3700, 1000, 4500, Fixed)                                         \
  X(cell_ov_release_mV, mV, 3380, 1000, 4500, Fixed)                                         \
  X(cell_ov_delay_ms, ms, 1000, 100, 60000, Fixed)                                           \
  X(cell_uv_alarm_mV, mV, 2800, 1000, 4500, Fixed)                                           \
  X(cell_uv_protect_mV, mV, 2500, 1000, 4500, Fixed)                                         \
  X(cell_uv_release_mV, mV, 2900, 1000, 4500, Fixed)                                         \
  X(cell_uv_delay_ms, ms, 1000, 100, 60000, Fixed)                                           \
  /* PR-3/PR-4: pack voltage, 20...65 V at 15S; 1333/4333 per cell stand for */              \
  /* exactly 20/65 V / 15, see param_table.cpp */                                            \
  X(pack_ov_alarm_mV, mV, 3600, 1333, 4333, PerCell)                                         \
  X(pack_ov_protect_mV, mV, 3700, 1333, 4333, PerCell)                                       \
  X(pack_ov_release_mV, mV, 3347, 1333, 4333, PerCell)                                       \
  X(pack_ov_delay_ms, ms, 1000, 100, 60000, Fixed)                                           \
  X(pack_uv_alarm_mV, mV, 2800, 1333, 4333, PerCell)                                         \
  X(pack_uv_protect_mV, mV, 2500, 1333, 4333, PerCell)                                       \
  X(pack_uv_release_mV, mV, 2900, 1333, 4333, PerCell)                                       \
  X(pack_uv_delay_ms, ms, 1000, 100, 60000, Fixed)                                           \
  X(release_delay_ms, ms, 2000, 0, 60000, Fixed) /* (own) level releases */                  \
  /* PR-5...PR-11: temperatures */                                                           \
  X(chg_ot_alarm_dC, dC, 550, -400, 900, Fixed)                                              \
  X(chg_ot_protect_dC, dC, 550, -400, 900, Fixed)                                            \
  X(chg_ot_release_dC, dC, 500, -400, 900, Fixed)                                            \
  X(chg_ut_alarm_dC, dC, 0, -400, 900, Fixed)                                                \
  X(chg_ut_protect_dC, dC, -50, -400, 900, Fixed)                                            \
  X(chg_ut_release_dC, dC, 0, -400, 900, Fixed)                                              \
  X(dsg_ot_alarm_dC, dC, 550, -400, 900, Fixed)                                              \
  X(dsg_ot_protect_dC, dC, 600, -400, 900, Fixed)                                            \
  X(dsg_ot_release_dC, dC, 550, -400, 900, Fixed)                                            \
  X(dsg_ut_alarm_dC, dC, 0, -400, 900, Fixed)                                                \
  X(dsg_ut_protect_dC, dC, -200, -400, 900, Fixed)                                           \
  X(dsg_ut_release_dC, dC, -150, -400, 900, Fixed)                                           \
  X(amb_ot_alarm_dC, dC, 650, -400, 900, Fixed)                                              \
  X(amb_ot_protect_dC, dC, 700, -400, 900, Fixed)                                            \
  X(amb_ot_release_dC, dC, 500, -400, 900, Fixed)                                            \
  X(amb_ut_alarm_dC, dC, -200, -400, 900, Fixed)                                             \
  X(amb_ut_protect_dC, dC, -200, -400, 900, Fixed)                                           \
  X(amb_ut_release_dC, dC, 0, -400, 900, Fixed)                                              \
  X(mos_ot_alarm_dC, dC, 900, -400, 1200, Fixed) /* (own) range to 120 °C */                \
  X(mos_ot_protect_dC, dC, 1100, -400, 1200, Fixed)                                          \
  X(mos_ot_release_dC, dC, 850, -400, 1200, Fixed)                                           \
  X(temperature_delay_ms, ms, 2000, 100, 60000, Fixed) /* (own) */                           \
  /* PR-12...PR-14: current */                                                               \
  X(chg_oc_alarm_mA, mA, 125000, 3000, 150000, Fixed)                                        \
  X(chg_oc_protect_mA, mA, 130000, 3000, 150000, Fixed)                                      \
  X(chg_oc_delay_ms, ms, 5000, 100, 600000, Fixed) /* (own) */                               \
  X(dsg_oc1_alarm_mA, mA, 125000, 3000, 150000, Fixed)                                       \
  X(dsg_oc1_protect_mA, mA, 130000, 3000, 150000, Fixed)                                     \
  X(dsg_oc1_delay_ms, ms, 10000, 100, 600000, Fixed)     /* (own) */                         \
  X(dsg_oc2_protect_mA, mA, 160000, 3000, 300000, Fixed) /* (own) */                         \
  X(dsg_oc2_delay_ms, ms, 1000, 25, 60000, Fixed)                                            \
  X(oc_alarm_delay_ms, ms, 1000, 0, 60000, Fixed) /* (own) */                                \
  X(oc_release_delay_ms, ms, 60000, 1000, 60000, Fixed)                                      \
  X(oc_lock_count, count, 3, 1, 100, Fixed)                                                  \
  X(oc_lock_window_s, s, 300, 10, 3600, Fixed)                                               \
  X(scp_current_mA, mA, 300000, 50000, 1000000, Fixed) /* (own) */                           \
  X(scp_delay_us, us, 300, 25, 2000, Fixed)                                                  \
  /* PR-16: high-high and low-low (own) */                                                   \
  X(cell_ovov_protect_mV, mV, 3800, 1000, 4500, Fixed)                                       \
  X(pack_ovov_protect_mV, mV, 3800, 1333, 4333, PerCell)                                     \
  X(cell_uvuv_protect_mV, mV, 2300, 1000, 4500, Fixed)                                       \
  X(hhll_delay_ms, ms, 1000, 100, 60000, Fixed)                                              \
  /* PR-17: sensors and measurement (own) */                                                 \
  X(sensor_fault_delay_ms, ms, 1000, 100, 10000, Fixed)                                      \
  X(measurement_max_age_ms, ms, 500, 100, 5000, Fixed)                                       \
  X(pack_mismatch_mV, mV, 2000, 100, 10000, Fixed)                                           \
  X(fet_fault_current_mA, mA, 2000, 500, 20000, Fixed)                                       \
  X(current_deadband_mA, mA, 500, 0, 5000, Fixed) /* [003 Q4] */                             \
  /* PR-18: cell spread (own) */                                                             \
  X(spread_alarm_mV, mV, 300, 10, 2000, Fixed)                                               \
  X(spread_protect_mV, mV, 800, 10, 2000, Fixed)                                             \
  X(spread_delay_ms, ms, 5000, 100, 600000, Fixed)                                           \
  /* PR-19/PR-20: full, empty, low SOC */                                                    \
  X(usoc_alarm_pptt, pptt, 1000, 0, 5000, Fixed)                                             \
  X(usoc_hysteresis_pptt, pptt, 500, 100, 2000, Fixed)                                       \
  X(full_voltage_margin_mV, mV, 200, 0, 2000, Fixed) /* SE-1 */                              \
  X(full_current_mA, mA, 5000, 500, 50000, Fixed)                                            \
  X(full_delay_s, s, 300, 10, 3600, Fixed)                                                   \
  X(full_release_soc_pptt, pptt, 9500, 5000, 9900, Fixed)                                    \
  X(ov_release_idle_s, s, 86400, 3600, 604800, Fixed) /* [004] 24 h */                       \
  X(uv_release_any, flag, 0, 0, 1, Fixed)             /* 0: charge AND level [004]; 1: OR */ \
  /* CH-1...CH-3: what the inverter is told */                                               \
  X(charge_voltage_mV, mV, 3500, 2500, 3650, PerCell)                                        \
  X(float_voltage_mV, mV, 3410, 2500, 3650, PerCell)                                         \
  X(restart_voltage_mV, mV, 3250, 2500, 3650, PerCell)                                       \
  X(discharge_voltage_mV, mV, 3000, 2000, 3400, PerCell)                                     \
  X(rated_current_mA, mA, 50000, 1000, 300000, Fixed)                                        \
  X(ccl_max_mA, mA, 70000, 0, 300000, Fixed)                                                 \
  X(dcl_max_mA, mA, 100000, 0, 300000, Fixed)                                                \
  X(dcl_full_temp_dC, dC, 300, -400, 900, Fixed) /* [003] start temp <= 30 °C */            \
  X(low_soc_cutoff_pptt, pptt, 400, 0, 5000, Fixed)                                          \
  X(force_charge_enable, flag, 1, 0, 1, Fixed)                                               \
  X(force_charge_after_s, s, 172800, 3600, 2592000, Fixed)                                   \
  /* PK-6: active charge-current limiting, 0 = off */                                        \
  X(charge_limit_mA, mA, 20000, 0, 100000, Fixed)                                            \
  X(limiter_retry_s, s, 60, 5, 3600, Fixed) /* (own) */                                      \
  /* PK-5: heater (own) */                                                                   \
  X(heater_enable, flag, 0, 0, 1, Fixed)                                                     \
  X(heater_start_dC, dC, 50, -400, 300, Fixed)                                               \
  X(heater_stop_dC, dC, 100, -400, 300, Fixed)                                               \
  X(heater_max_s, s, 7200, 60, 86400, Fixed)                                                 \
  /* PK-4: pre-charge (own) */                                                               \
  X(precharge_timeout_ms, ms, 5000, 100, 30000, Fixed)                                       \
  X(precharge_retry_ms, ms, 10000, 1000, 600000, Fixed)                                      \
  X(precharge_done_mV, mV, 125, 10, 1000, PerCell)                                           \
  /* SM-3/SM-4: sleep and wake */                                                            \
  X(sleep_cell_mV, mV, 3000, 2000, 3500, Fixed)                                              \
  X(sleep_delay_min, min, 30, 1, 1440, Fixed)                                                \
  X(max_standby_s, s, 86400, 600, 604800, Fixed)                                             \
  X(uv_sleep_delay_s, s, 30, 5, 600, Fixed)                                                  \
  X(wake_charger_mV, mV, 3200, 2500, 3650, PerCell)                                          \
  X(autowake_interval_s, s, 14400, 60, 86400, Fixed)                                         \
  X(autowake_max_count, count, 10, 0, 100, Fixed)                                            \
  X(autowake_window_s, s, 60, 5, 600, Fixed) /* (own) */                                     \
  /* IN-1/IN-4: indication */                                                                \
  X(led_enable, flag, 1, 0, 1, Fixed)                                                        \
  X(buzzer_enable, flag, 0, 0, 1, Fixed)                                                     \
  X(soc_display_s, s, 10, 1, 120, Fixed) /* (own) after a short press */                     \
  /* BA-1: balancing */                                                                      \
  X(bal_start_mV, mV, 3450, 3000, 4500, Fixed)                                               \
  X(bal_start_delta_mV, mV, 30, 10, 100, Fixed)                                              \
  X(bal_stop_delta_mV, mV, 20, 10, 100, Fixed)                                               \
  X(bal_max_dC, dC, 500, -200, 700, Fixed)                                                   \
  X(bal_min_dC, dC, 0, -200, 700, Fixed)                                                     \
  /* PK-1: the pack */                                                                       \
  X(design_capacity_mAh, mAh, 100000, 50000, 400000, Fixed)                                  \
  /* PK-5: what the inverter must supply while the film heats (own) */                       \
  X(heater_supply_mA, mA, 3000, 500, 20000, Fixed)                                           \
  /* CO-2: PACE writes (switches, clock, settings) without an administrator log-in, for */   \
  /* third-party tools that cannot log in (own; off by default) */                           \
  X(open_host_writes, flag, 0, 0, 1, Fixed)                                                  \
  /* CH-2: a bank's wiring: 0 bus bars, 1 hand-to-hand (daisy) cables, whose rating caps */  \
  /* the system's current [000 §7] */                                                       \
  X(wiring, flag, 0, 0, 1, Fixed)                                                            \
  X(wiring_cap_mA, mA, 100000, 10000, 1000000, Fixed)                                        \
  /* PA-4 (own): in a bank, a pack whose terminals stand this far above its cells charges */ \
  /* through the current limiter until they come closer, instead of closing its charge */    \
  /* FET onto the others' voltage */                                                         \
  X(join_gap_mV, mV, 1500, 200, 10000, Fixed)
