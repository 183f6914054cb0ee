// Dry contacts (PK-7): contact 1 is an alarm contact driven by a relay held energised while the
// pack is healthy, so it closes on trouble and when the BMS is asleep or unpowered; contact 2
// closes on the low-SOC alarm. The [003] variant drives charge- and discharge-enable outputs.
#include <gtest/gtest.h>

#include "bms_rig.hpp"
#include "indication/dry_contacts.hpp"
#include "protection_rig.hpp"

namespace lfpbms::testing {
namespace {

using I = ProtectionId;

constexpr ContactMode kAlarm = ContactMode::AlarmAndLowSoc;
constexpr ContactMode kEnable = ContactMode::ChargeDischargeEnable;

// Alarm mode, awake, both directions allowed.
hal::ContactCommand alarm_contacts(const ProtectionStatus& p, bool failure = false) {
  return dry_contacts(kAlarm, p, /*awake=*/true, failure, true, true);
}

bool contact1_closed(const hal::ContactCommand& c) {
  return !c.relay1_energised;
}
bool contact2_closed(const hal::ContactCommand& c) {
  return c.relay2_energised;
}

ProtectionStatus alarm_of(I id) {
  ProtectionStatus p;
  p.alarm = bit(id);
  return p;
}

ProtectionStatus protection_of(I id) {
  ProtectionStatus p;
  p.protect = bit(id);
  return p;
}

TEST(PK_7_contact_1, healthy_pack_holds_relay_1_so_contact_1_is_open) {
  const auto c = alarm_contacts({});
  EXPECT_TRUE(c.relay1_energised);
  EXPECT_FALSE(contact1_closed(c));
  EXPECT_FALSE(contact2_closed(c));
}

TEST(PK_7_contact_1, closes_on_every_alarm_but_low_soc) {
  EXPECT_FALSE(contact1_closed(alarm_contacts(alarm_of(I::LowSoc)))) << "contact 2 is for that";
  for (const ProtectionRow* r = protection_rows_begin(); r != protection_rows_end(); ++r) {
    if (!r->alarm.present() || r->id == I::LowSoc) continue;
    EXPECT_TRUE(contact1_closed(alarm_contacts(alarm_of(r->id)))) << r->name;
  }
}

TEST(PK_7_contact_1, closes_on_every_protection_but_the_full_charge_flag) {
  for (const ProtectionRow* r = protection_rows_begin(); r != protection_rows_end(); ++r) {
    if (r->id == I::FullCharge || !r->protect.present()) continue;
    EXPECT_TRUE(contact1_closed(alarm_contacts(protection_of(r->id)))) << r->name;
  }
}

TEST(PK_7_contact_1, full_charge_flag_leaves_it_open) {
  EXPECT_FALSE(contact1_closed(alarm_contacts(protection_of(I::FullCharge))));
}

TEST(PK_7_contact_1, closes_on_a_failure) {
  EXPECT_TRUE(contact1_closed(alarm_contacts({}, /*failure=*/true)));
}

TEST(PK_7_contact_1, closes_when_asleep_as_when_unpowered) {
  const auto c = dry_contacts(kAlarm, {}, /*awake=*/false, false, true, true);
  EXPECT_FALSE(c.relay1_energised);  // both relays dropped, as with no power
  EXPECT_TRUE(contact1_closed(c));
  EXPECT_FALSE(contact2_closed(c));
}

TEST(PK_7_contact_1, unpowered_board_has_both_relays_dropped) {
  const fakes::FakeBoard board;
  EXPECT_TRUE(contact1_closed(board.contacts));
  EXPECT_FALSE(contact2_closed(board.contacts));
}

TEST(PK_7_contact_2, closes_on_the_low_soc_alarm) {
  EXPECT_TRUE(contact2_closed(alarm_contacts(alarm_of(I::LowSoc))));
}

TEST(PK_7_contact_2, stays_open_for_other_alarms_and_protections) {
  EXPECT_FALSE(contact2_closed(alarm_contacts(alarm_of(I::CellUv))));
  EXPECT_FALSE(contact2_closed(alarm_contacts(protection_of(I::CellUv))));
  EXPECT_FALSE(contact2_closed(alarm_contacts({}, /*failure=*/true)));
}

TEST(PK_7_contact_2, closes_at_usoc_and_opens_again_at_release) {
  ProtectionRig rig;  // USOC alarm at 10 %, clears 5 % above it
  const auto contacts = [&] { return alarm_contacts(rig.engine.status()); };
  rig.in.soc_pptt = 1001;
  rig.tick();
  EXPECT_FALSE(contact2_closed(contacts()));
  rig.in.soc_pptt = 1000;
  rig.tick();
  EXPECT_TRUE(contact2_closed(contacts()));
  rig.in.soc_pptt = 1499;
  rig.run_ms(5000);
  EXPECT_TRUE(contact2_closed(contacts()));
  rig.in.soc_pptt = 1500;
  rig.tick();
  EXPECT_FALSE(contact2_closed(contacts()));
}

TEST(PK_7_enable_outputs, follow_charge_and_discharge_allowed) {
  const ProtectionStatus none;
  for (const bool charge : {false, true}) {
    for (const bool discharge : {false, true}) {
      const auto c = dry_contacts(kEnable, none, true, false, charge, discharge);
      EXPECT_EQ(c.relay1_energised, charge);
      EXPECT_EQ(c.relay2_energised, discharge);
    }
  }
}

TEST(PK_7_enable_outputs, ignore_alarms_and_open_when_asleep) {
  const auto alarmed = dry_contacts(kEnable, alarm_of(I::LowSoc), true, false, true, true);
  EXPECT_TRUE(alarmed.relay1_energised);
  EXPECT_TRUE(alarmed.relay2_energised);
  const auto asleep = dry_contacts(kEnable, {}, /*awake=*/false, false, true, true);
  EXPECT_FALSE(asleep.relay1_energised);
  EXPECT_FALSE(asleep.relay2_energised);
}

// ---- through the whole BMS -----------------------------------------------------------------

TEST(PK_7_pipeline, contact_1_closes_on_an_alarm_and_opens_when_it_clears) {
  BmsRig rig;
  rig.run_until_running();
  EXPECT_FALSE(contact1_closed(rig.board.contacts));
  rig.board.set_cells(2750);  // under-voltage alarm, no trip
  rig.run_ms(1200);
  ASSERT_TRUE(rig.status().protection.alarm_on(I::CellUv));
  EXPECT_TRUE(contact1_closed(rig.board.contacts));
  rig.board.set_cells(3300);
  rig.run_ms(3000);
  EXPECT_FALSE(contact1_closed(rig.board.contacts));
}

TEST(PK_7_pipeline, contact_1_closes_when_the_bms_sleeps) {
  BmsRig rig;
  rig.board.set_cells(3100);  // terminals below the charger wake level: sleep is allowed
  rig.run_until_running();
  EXPECT_FALSE(contact1_closed(rig.board.contacts));
  rig.bms.request_sleep();
  rig.run_ms(3000);
  ASSERT_EQ(rig.status().state, ReportedState::Sleep);
  EXPECT_TRUE(contact1_closed(rig.board.contacts));
  EXPECT_FALSE(contact2_closed(rig.board.contacts));
}

TEST(PK_7_pipeline, product_003_outputs_follow_the_fets) {
  PackConfig config;
  config.contacts = ContactMode::ChargeDischargeEnable;
  BmsRig rig(config);
  rig.run_until_running();
  EXPECT_TRUE(rig.board.contacts.relay1_energised);
  EXPECT_TRUE(rig.board.contacts.relay2_energised);
  rig.board.set_cells(3700);  // over-voltage: charging stops, discharging goes on
  rig.run_ms(1200);
  ASSERT_TRUE(rig.status().protection.protect_on(I::CellOv));
  EXPECT_FALSE(rig.board.contacts.relay1_energised);
  EXPECT_TRUE(rig.board.contacts.relay2_energised);
}

}  // namespace
}  // namespace lfpbms::testing
