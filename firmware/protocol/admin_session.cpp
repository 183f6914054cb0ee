#include "protocol/admin_session.hpp"

namespace lfpbms::protocol {
namespace {

constexpr std::uint64_t kFnvOffset = 0xCBF29CE484222325ull;
constexpr std::uint64_t kFnvPrime = 0x100000001B3ull;
constexpr int kRounds = 1000;  // slows a search over stolen NVM contents a little
constexpr std::uint32_t kDefaultSalt = 0x4C465042u;

std::uint64_t mix(std::uint64_t h, std::uint8_t byte) {
  return (h ^ byte) * kFnvPrime;
}

std::size_t length_of(const char* s) {
  std::size_t n = 0;
  while (s[n] != '\0') ++n;
  return n;
}

}  // namespace

std::uint64_t password_hash(std::uint32_t salt, const char* password, std::size_t length) {
  std::uint64_t h = kFnvOffset;
  for (int round = 0; round < kRounds; ++round) {
    for (int i = 0; i < 4; ++i) h = mix(h, static_cast<std::uint8_t>(salt >> (8 * i)));
    for (std::size_t i = 0; i < length; ++i) h = mix(h, static_cast<std::uint8_t>(password[i]));
    h ^= h >> 29;
  }
  return h;
}

AdminSession::AdminSession(CredentialStore* store) : store_(store) {
  if (store_ == nullptr || !store_->load(credentials_)) {
    credentials_.salt = kDefaultSalt;
    credentials_.hash =
        password_hash(kDefaultSalt, kDefaultAdminPassword, length_of(kDefaultAdminPassword));
  }
}

bool AdminSession::matches(const char* password, std::size_t length) const {
  return length <= kMaxPasswordChars &&
         password_hash(credentials_.salt, password, length) == credentials_.hash;
}

LoginResult AdminSession::log_in(const char* password, std::size_t length, TimeMs now) {
  if (locked_out(now)) return LoginResult::LockedOut;
  if (!matches(password, length)) {
    open_ = false;
    if (++failures_ >= kMaxFailures) {
      failures_ = 0;
      locked_until_ms_ = now + kLockoutMs;
    }
    return LoginResult::Wrong;
  }
  failures_ = 0;
  open_ = true;
  expires_ms_ = now + kSessionMs;
  return LoginResult::Ok;
}

void AdminSession::touch(TimeMs now) {
  if (active(now)) expires_ms_ = now + kSessionMs;
}

bool AdminSession::change_password(const char* old_pw, std::size_t old_len, const char* new_pw,
                                   std::size_t new_len, TimeMs now, std::uint32_t salt) {
  if (!active(now) || !matches(old_pw, old_len)) return false;
  if (new_len == 0 || new_len > kMaxPasswordChars || store_ == nullptr) return false;
  const Credentials next{salt, password_hash(salt, new_pw, new_len)};
  if (!store_->save(next)) return false;
  credentials_ = next;
  touch(now);
  return true;
}

}  // namespace lfpbms::protocol
