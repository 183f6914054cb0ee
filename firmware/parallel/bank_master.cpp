#include "parallel/bank_master.hpp"

#include "protocol/pace_protocol.hpp"

namespace lfpbms {

namespace {

using protocol::FieldDecoder;
using protocol::InfoReader;

constexpr std::uint8_t kFirstSlave = 2;
constexpr std::uint8_t kDipMax = 15;

// 42 and 44 answers: flag, address, then the block (PROTOCOLS.md §1.1).
template <class Block, class Layout>
bool decode_block(InfoReader r, Block& out, Layout layout) {
  FieldDecoder dec(r);
  std::uint8_t flag = 0, address = 0;
  dec.u8(flag);
  dec.u8(address);
  layout(dec, out);
  return dec.ok();
}

}  // namespace

void BankMaster::start(TimeMs now, const BankConfig& config, hal::BankPort& port) {
  *this = BankMaster{};
  mode_ = config.addressing;
  max_packs_ = config.max_packs;
  cycle_at_ = now;
  if (mode_ == Addressing::Chain) {
    assigning_ = true;
    port.set_link_out_token(true);  // the first slave downstream may take an address
  }
}

std::uint8_t BankMaster::last_address() const {
  const std::uint8_t dip_max = max_packs_ < kDipMax ? max_packs_ : kDipMax;
  return mode_ == Addressing::Chain ? chain_count_ : dip_max;
}

// Known packs, and an address whose answers came back damaged: polled every cycle, so that a
// shared address shows as a conflict within a few seconds.
bool BankMaster::expected(std::uint8_t address) const {
  if (mode_ == Addressing::Chain) return address <= chain_count_;
  return slot(address).known || slot(address).garbled > 0;
}

bool BankMaster::any_lost() const {
  for (const auto& s : slots_) {
    if (s.lost) return true;
  }
  return false;
}

bool BankMaster::any_conflict() const {
  for (const auto& s : slots_) {
    if (s.conflict) return true;
  }
  return false;
}

void BankMaster::add(std::uint8_t address, Ask ask) {
  if (job_count_ < kMaxJobs) jobs_[job_count_++] = {address, ask};
}

// Every expected slave's summary; two slaves' full blocks; one address that may hold a new pack.
void BankMaster::plan_cycle() {
  job_count_ = next_job_ = 0;
  ++cycles_;
  const std::uint8_t last = last_address();
  for (std::uint8_t a = kFirstSlave; a <= last; ++a) {
    if (expected(a)) add(a, Ask::Member);
  }
  std::uint8_t refreshed = 0;
  for (std::uint8_t n = kFirstSlave; n <= last && refreshed < kBlocksPerCycle; ++n) {
    const std::uint8_t a = blocks_next_;
    blocks_next_ = blocks_next_ >= last ? kFirstSlave : static_cast<std::uint8_t>(a + 1);
    if (!slot(a).talking()) continue;
    add(a, Ask::Analog);
    add(a, Ask::Alarms);
    ++refreshed;
  }
  if (mode_ == Addressing::Chain) {
    plan_chain_offer();
    return;
  }
  // The first cycle asks every address, so that each slave hears its master within seconds
  // of start-up; later ones look at one more address each.
  for (std::uint8_t n = kFirstSlave; n <= last; ++n) {
    const std::uint8_t a = discover_next_;
    discover_next_ = discover_next_ >= last ? kFirstSlave : static_cast<std::uint8_t>(a + 1);
    if (slot(a).known || slot(a).garbled > 0) continue;
    add(a, Ask::Member);
    if (cycles_ > 1) break;
  }
}

// A slave that restarted waits, unaddressed, with the token from its upstream neighbour: its old
// address goes back on offer as soon as it falls silent, so it returns to its place in the chain
// before it counts as lost. Should it have taken a new address instead (it restarted just after
// its last answer, as the next address was offered), the slot it left falls silent right after
// the newcomer appeared: the newcomer is sent back there. Otherwise, now and then, the next
// address for a pack appended to the chain.
void BankMaster::plan_chain_offer() {
  const std::uint8_t silent = first_silent();
  if (newest_ != 0 && cycles_ - newest_cycle_ > kMoveWindowCycles) newest_ = 0;
  if (silent != 0 && newest_ > silent && slot(newest_).talking()) {
    move_from_ = newest_;
    add(silent, Ask::Move);
  } else if (silent != 0) {
    add(silent, Ask::Assign);
  } else if (cycles_ % kChainDiscoveryCycles == 0 && chain_count_ < max_packs_) {
    add(static_cast<std::uint8_t>(chain_count_ + 1), Ask::Assign);
  }
}

// The lowest chain address whose pack answered before and missed its last poll (0: none).
std::uint8_t BankMaster::first_silent() const {
  for (std::uint8_t a = kFirstSlave; a <= chain_count_; ++a) {
    if (slot(a).known && slot(a).misses > 0) return a;
  }
  return 0;
}

void BankMaster::tick(TimeMs now, BusEndpoint& bus) {
  if (waiting_ && elapsed_ms(now, sent_at_) >= kAnswerTimeout_ms) {
    waiting_ = false;
    bus.abandon_echo();
    // Garbage where the answer should have been: it came, damaged beyond reading.
    if (bus.take_noise() && pending_.ask != Ask::Assign && pending_.ask != Ask::Move) {
      damaged(slots_[pending_.address - 1]);
    } else {
      timed_out();
    }
  }
  if (waiting_) return;
  if (!assigning_ && next_job_ >= job_count_) {
    if (cycled_ && elapsed_ms(now, cycle_at_) < kCycle_ms) return;
    cycled_ = true;
    cycle_at_ = now;
    plan_cycle();
  }
  send_next(now, bus);
}

void BankMaster::send_next(TimeMs now, BusEndpoint& bus) {
  if (assigning_ && chain_count_ >= max_packs_) assigning_ = false;
  if (assigning_) {
    send({static_cast<std::uint8_t>(chain_count_ + 1), Ask::Assign}, now, bus);
  } else if (next_job_ < job_count_) {
    send(jobs_[next_job_++], now, bus);
  }
}

void BankMaster::send(const Job& job, TimeMs now, BusEndpoint& bus) {
  using namespace protocol;
  static constexpr std::uint8_t kCid2[] = {kMemberStatus, kAnalog, kAlarms, kAssignAddress,
                                           kAssignAddress};
  // FC goes to everyone (the token picks the taker), or to the pack that is to move.
  std::uint8_t to = job.address;
  if (job.ask == Ask::Assign) to = 0;
  if (job.ask == Ask::Move) to = move_from_;
  FrameWriter w(request_, sizeof request_);
  w.begin({kVer25, to, kCid1Battery, kCid2[static_cast<std::size_t>(job.ask)]});
  if (job.ask != Ask::Member) w.u8(job.address);
  const std::size_t n = w.finish();
  pending_ = job;
  waiting_ = true;
  sent_at_ = now;
  bus.set_address_filter(job.address);  // the answer carries the asked address
  bus.take_noise();
  bus.send(request_, n);
}

void BankMaster::timed_out() {
  if (pending_.ask == Ask::Assign) {
    // The chain ends where nobody takes the next address (after a few tries at start-up).
    if (assigning_ && ++assign_tries_ >= kAssignTries) assigning_ = false;
    return;
  }
  if (pending_.ask != Ask::Member) return;
  MemberSlot& s = slots_[pending_.address - 1];
  if (s.misses < 0xFF) ++s.misses;
  if (s.known && s.misses >= kLostAfterMisses) s.lost = true;
}

void BankMaster::on_frame(const protocol::ParsedFrame& f, TimeMs now, BusEndpoint& bus) {
  // What arrives unreadable while an answer is due is that answer, damaged on the way.
  if (!waiting_ || (f.header_valid && f.header.adr != pending_.address)) return;
  waiting_ = false;
  if (!f.header_valid || f.status != protocol::FrameStatus::Ok) {
    damaged(slots_[pending_.address - 1]);
  } else {
    answered(f, now);
  }
  send_next(now, bus);
}

// Damaged although the bus is otherwise quiet: two packs answer at once.
void BankMaster::damaged(MemberSlot& s) {
  if (s.garbled < 0xFF) ++s.garbled;
  if (s.garbled >= kConflictAfterGarbled) s.conflict = true;
}

void BankMaster::answered(const protocol::ParsedFrame& f, TimeMs now) {
  using namespace protocol;
  MemberSlot& s = slots_[pending_.address - 1];
  if (f.header.cid2 != static_cast<std::uint8_t>(Rtn::Ok)) return;
  bool ok = true;
  switch (pending_.ask) {
    case Ask::Assign:
      if (pending_.address > chain_count_) {
        chain_count_ = pending_.address;
        newest_ = pending_.address;
        newest_cycle_ = cycles_;
      }
      assign_tries_ = 0;
      break;
    case Ask::Move:
      slots_[move_from_ - 1] = MemberSlot{};
      if (move_from_ == chain_count_) --chain_count_;
      newest_ = 0;
      break;
    case Ask::Member: {
      InfoReader r = f.reader();
      FieldDecoder dec(r);
      member_layout(dec, s.member);
      ok = dec.ok();
      break;
    }
    case Ask::Analog:
      ok = decode_block(f.reader(), s.analog, [](FieldDecoder& d, AnalogBlock& a) {
        analog_layout(d, a, kPaceUnits);
        pace_capacity_layout(d, a);
      });
      break;
    case Ask::Alarms:
      ok = decode_block(f.reader(), s.alarms, [](FieldDecoder& d, AlarmBlock& a) {
        alarm_layout(d, a);
        pace_status_layout(d, a);
      });
      s.has_blocks = ok;
      break;
  }
  if (!ok) return;
  s.known = true;
  s.lost = s.conflict = false;
  s.misses = s.garbled = 0;
  s.answered_at = now;
}

}  // namespace lfpbms
