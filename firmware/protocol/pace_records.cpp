// Stored records on the host link (ST-3, HT-3): A1 reads one by age, F5 a range by sequence
// number (oldest first, RTN 07 "no more data" past the end), F6 deletes them all.
#include "protocol/pace_protocol.hpp"
#include "storage/event_log.hpp"

namespace lfpbms::protocol {
namespace {

constexpr std::size_t kRecordBytes = 30;

RecordBlock record_block(const LogRecord& r) {
  const EventSnapshot& s = r.snapshot;
  RecordBlock b;
  b.sequence = r.sequence;
  b.unix_time_s = r.unix_time_s;
  b.code = r.code;
  b.max_cell_mV = s.max_cell_mV;
  b.min_cell_mV = s.min_cell_mV;
  b.pack_voltage_mV =
      static_cast<std::uint16_t>(s.pack_voltage_mV > 0xFFFF ? 0xFFFF : s.pack_voltage_mV);
  b.current_mA = s.current_mA;
  b.max_temperature_dC = s.max_temperature_dC;
  b.min_temperature_dC = s.min_temperature_dC;
  b.mosfet_temperature_dC = s.mosfet_temperature_dC;
  b.ambient_temperature_dC = s.ambient_temperature_dC;
  b.soc_pptt = static_cast<std::uint16_t>(s.soc_pptt < 0 ? 0 : s.soc_pptt);
  return b;
}

void write_record(FrameWriter& out, const LogRecord& r) {
  FieldEncoder enc(out);
  const RecordBlock b = record_block(r);
  record_layout(enc, b);
}

}  // namespace

// INFO: u16 age (0 = the newest record). Past the oldest, an empty answer with RTN 00, as real
// packs give (docs/protocols.md); the record layout is lfpbms's own (RecordBlock).
Rtn PaceProtocol::history_record(Request& r, FrameWriter& out) {
  const std::uint16_t age = r.info.u16();
  if (!r.info.ok() || !r.info.at_end()) return Rtn::FormatError;
  if (d_.log == nullptr) return Rtn::Ok;
  const std::uint32_t next = d_.log->next_sequence();
  if (age >= next - d_.log->first_sequence()) return Rtn::Ok;
  LogRecord record;
  if (!d_.log->read(next - 1 - age, record)) return Rtn::Ok;
  write_record(out, record);
  return Rtn::Ok;
}

// INFO: first sequence u32, count u8 -> count u8 (what was found and fits), the records.
Rtn PaceProtocol::read_records(Request& r, FrameWriter& out) {
  std::uint32_t sequence = r.info.u32();
  const std::uint8_t wanted = r.info.u8();
  if (!r.info.ok() || !r.info.at_end() || wanted == 0) return Rtn::FormatError;
  if (d_.log == nullptr) return Rtn::NoData;
  if (sequence < d_.log->first_sequence()) sequence = d_.log->first_sequence();
  const std::uint32_t end = d_.log->next_sequence();
  if (sequence >= end) return Rtn::NoData;
  std::size_t fits = out.room_bytes() > 1 ? (out.room_bytes() - 1) / kRecordBytes : 0;
  std::uint8_t count = wanted;
  if (count > fits) count = static_cast<std::uint8_t>(fits);
  if (count > end - sequence) count = static_cast<std::uint8_t>(end - sequence);
  out.u8(count);
  for (std::uint8_t i = 0; i < count; ++i) {
    LogRecord record;
    if (!d_.log->read(sequence + i, record)) return Rtn::DeviceFault;
    write_record(out, record);
  }
  return Rtn::Ok;
}

Rtn PaceProtocol::delete_records(Request& r) {
  if (!r.info.at_end()) return Rtn::FormatError;
  if (!admin(r.now)) return Rtn::PermissionDenied;
  if (d_.log == nullptr) return Rtn::Ok;
  return d_.log->clear() ? Rtn::Ok : Rtn::ExecutionFailed;
}

}  // namespace lfpbms::protocol
