#include <gtest/gtest.h>

#include "fake_hardware.hpp"

TEST(Smoke, builds) { SUCCEED(); }
