#pragma once
// The administrator's rights on one host link (PROTOCOLS.md §1.3 F0/F1): a password opens a
// session for 5 minutes; five wrong passwords in a row refuse every log-in for 60 s. The
// password is kept only as a salted, iterated hash and can never be read back.
#include <cstddef>
#include <cstdint>

#include "core/units.hpp"

namespace lfpbms::protocol {

struct Credentials {
  std::uint32_t salt = 0;
  std::uint64_t hash = 0;
};

// Where the credentials live (a record in NVM); false when nothing valid is stored.
class CredentialStore {
 public:
  virtual bool load(Credentials& out) = 0;
  virtual bool save(const Credentials& in) = 0;

 protected:
  ~CredentialStore() = default;
};

inline constexpr const char* kDefaultAdminPassword = "lfpbms";
inline constexpr std::size_t kMaxPasswordChars = 32;

std::uint64_t password_hash(std::uint32_t salt, const char* password, std::size_t length);

enum class LoginResult : std::uint8_t { Ok, Wrong, LockedOut };

class AdminSession {
 public:
  static constexpr TimeMs kSessionMs = 5ull * 60 * 1000;
  static constexpr TimeMs kLockoutMs = 60ull * 1000;
  static constexpr std::uint8_t kMaxFailures = 5;

  // Without a store (or with nothing stored) the default password applies.
  explicit AdminSession(CredentialStore* store);

  LoginResult log_in(const char* password, std::size_t length, TimeMs now);
  bool active(TimeMs now) const { return open_ && now < expires_ms_; }
  void touch(TimeMs now);  // an administrator command keeps the session open
  // Needs an open session and the old password; false changes nothing.
  bool change_password(const char* old_pw, std::size_t old_len, const char* new_pw,
                       std::size_t new_len, TimeMs now, std::uint32_t salt);
  bool locked_out(TimeMs now) const { return now < locked_until_ms_; }

 private:
  bool matches(const char* password, std::size_t length) const;

  CredentialStore* store_;
  Credentials credentials_;
  bool open_ = false;
  TimeMs expires_ms_ = 0;
  std::uint8_t failures_ = 0;
  TimeMs locked_until_ms_ = 0;
};

}  // namespace lfpbms::protocol
