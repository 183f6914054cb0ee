#include "parallel/bank_node.hpp"

#include "parallel/system_view.hpp"
#include "protocol/pace_protocol.hpp"
#include "protocol/pack_blocks.hpp"

namespace lfpbms {

namespace {
constexpr std::uint16_t kBroadcastOnly = 0;  // the parser's filter passes ADR 00 anyway
}  // namespace

BankNode::BankNode(protocol::HostDevice& device, hal::BankPort& port)
    : device_(device),
      port_(port),
      endpoint_(port.bus()),
      link_(device, endpoint_, tx_, sizeof tx_) {}

void BankNode::start(TimeMs now) {
  const BankConfig& config = device_.bms.config().bank;
  addressing_.start(now, config, port_);
  master_started_ = false;
  conflict_ = master_lost_ = polled_ = false;
  collisions_ = 0;
  polled_at_ = now;
  awake_ = true;
  wake_until_ = now + kWakePulse_ms;  // a pack that starts wakes the others [004 §6-7]
  port_.set_wake_line(true);
  follow_role(now);
  update_view();
}

// The role decides the address the host link answers to, which frames the bus parser keeps,
// and whether this pack polls.
void BankNode::follow_role(TimeMs now) {
  const BankRole r = addressing_.role();
  if (r == BankRole::Master || r == BankRole::Slave) device_.address = addressing_.address();
  if (r == BankRole::Slave) endpoint_.set_address_filter(addressing_.address());
  if (r == BankRole::Unassigned) {
    device_.address = protocol::kUnaddressed;
    endpoint_.set_address_filter(kBroadcastOnly);
  }
  if (r == BankRole::Master && !master_started_) {
    master_.start(now, device_.bms.config().bank, port_);
    master_started_ = true;
  }
}

void BankNode::tick(TimeMs now) {
  const bool awake = device_.bms.status().state != ReportedState::Sleep;
  if (awake && !awake_) {
    wake_until_ = now + kWakePulse_ms;
    polled_at_ = now;  // the master's silence counts from the wake
  }
  awake_ = awake;
  port_.set_wake_line(now < wake_until_);
  addressing_.update(now, port_);
  follow_role(now);
  check_echo();
  const BankRole r = addressing_.role();
  if (awake_ && r == BankRole::Master && !conflict_) master_.tick(now, endpoint_);
  const bool listens = r == BankRole::Slave || r == BankRole::Unassigned;
  master_lost_ = awake_ && listens && elapsed_ms(now, polled_at_) > kMasterTimeout_ms;
  update_view();
}

// Our own frames come back from the bus: three in a row that came back different mean another
// pack uses our address; from then on this pack keeps quiet on the bus until it restarts.
void BankNode::check_echo() {
  const BusEndpoint::Echo e = endpoint_.take_echo();
  if (e == BusEndpoint::Echo::Clean) collisions_ = 0;
  if (e != BusEndpoint::Echo::Collided) return;
  if (collisions_ < 0xFF) ++collisions_;
  if (collisions_ >= kConflictAfterCollisions) conflict_ = true;
}

void BankNode::receive(const char* data, std::size_t length, TimeMs now) {
  if (!awake_) return;  // the transceiver sleeps with the BMS
  endpoint_.receive(data, length, [&](const protocol::ParsedFrame& f) { on_frame(f, now); });
  check_echo();
}

void BankNode::on_frame(const protocol::ParsedFrame& f, TimeMs now) {
  const BankRole r = addressing_.role();
  if (r == BankRole::Master) {
    if (!conflict_) master_.on_frame(f, now, endpoint_);
    return;
  }
  if (!f.header_valid) return;
  if (f.header.adr == 0 && f.header.cid2 == protocol::kAssignAddress) {
    take_address(f);
    return;
  }
  if (r != BankRole::Slave || f.header.adr != addressing_.address()) return;
  polled_at_ = now;
  polled_ = true;
  if (conflict_) return;
  if (f.header.cid2 == protocol::kAssignAddress) {
    move(f);
  } else {
    link_.handle(f, now);
  }
}

// FC: the master offers the next address with the token; the pack holding the token takes it,
// says so from its new address, and hands the token on.
void BankNode::take_address(const protocol::ParsedFrame& f) {
  const std::uint8_t offered = offered_address(f);
  if (offered == 0 || !addressing_.offer(offered, port_)) return;
  acknowledge(offered);
}

// FC to this slave's address: the master sends it back to the place it held before a restart.
void BankNode::move(const protocol::ParsedFrame& f) {
  const std::uint8_t to = offered_address(f);
  if (to == 0 || !addressing_.move_to(to)) return;
  acknowledge(to);
}

std::uint8_t BankNode::offered_address(const protocol::ParsedFrame& f) {
  if (f.status != protocol::FrameStatus::Ok) return 0;
  protocol::InfoReader r = f.reader();
  const std::uint8_t offered = r.u8();
  return r.ok() ? offered : 0;
}

// Says so from the new address.
void BankNode::acknowledge(std::uint8_t taken) {
  follow_role(0);
  protocol::FrameWriter w(ack_, sizeof ack_);
  w.begin({protocol::kVer25, taken, protocol::kCid1Battery,
           static_cast<std::uint8_t>(protocol::Rtn::Ok)});
  endpoint_.send(ack_, w.finish());
}

BmsInputs BankNode::inputs() {
  BmsInputs in;
  in.comm_activity = polled_;
  polled_ = false;
  in.link_wake = port_.wake_line();
  const bool is_master = addressing_.role() == BankRole::Master;
  in.in_bank = addressing_.role() == BankRole::Slave || (is_master && system_.member_count > 1);
  in.bank_master = is_master && system_.member_count > 1;
  in.system.id_timeout = is_master && master_.any_lost();
  in.system.address_conflict = conflict_ || (is_master && master_.any_conflict());
  in.system.dip_fault = addressing_.dip_fault();
  in.system.master_lost = master_lost_;
  return in;
}

void BankNode::update_view() {
  count_ = 1;
  const BankRole r = addressing_.role();
  if (r == BankRole::Slave || r == BankRole::Unassigned) return;  // speaks for nobody
  const Bms& bms = device_.bms;
  const protocol::MemberBlock own =
      protocol::member_block(bms.status(), bms.params(), bms.config());
  const bool polls = r == BankRole::Master && !conflict_;
  SystemInputs in;
  in.role = r;
  in.own_address = addressing_.address() == 0 ? 1 : addressing_.address();
  in.own = &own;
  in.slots = polls ? master_.slots() : nullptr;
  in.last_address = master_.last_address();
  in.own_conflict = conflict_;
  if (bms.params().get(ParamId::wiring) != 0) {
    in.wiring_cap_mA = bms.params().get(ParamId::wiring_cap_mA);
  }
  system_ = lfpbms::system_view(in);
  if (!polls) return;
  for (std::uint8_t a = 2; a <= master_.last_address(); ++a) {
    const MemberSlot& s = master_.slot(a);
    if (s.talking() && s.has_blocks) addresses_[count_++] = a;
  }
}

std::uint8_t BankNode::address(std::uint8_t index) const {
  if (index == 0) return device_.address;
  return index < count_ ? addresses_[index] : 0;
}

bool BankNode::analog(std::uint8_t index, protocol::AnalogBlock& out) const {
  if (index == 0 || index >= count_) return false;
  out = master_.slot(addresses_[index]).analog;
  return true;
}

bool BankNode::alarms(std::uint8_t index, protocol::AlarmBlock& out) const {
  if (index == 0 || index >= count_) return false;
  out = master_.slot(addresses_[index]).alarms;
  return true;
}

bool BankNode::system(protocol::SystemBlock& out) const {
  if (addressing_.role() == BankRole::Slave || addressing_.role() == BankRole::Unassigned) {
    return false;
  }
  out = system_;
  return true;
}

}  // namespace lfpbms
