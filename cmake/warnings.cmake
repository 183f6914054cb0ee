# Build warnings are errors everywhere; the firmware adds conversion checks on top.
set(LFPBMS_WARNINGS -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Werror)
set(LFPBMS_FIRMWARE_FLAGS ${LFPBMS_WARNINGS} -Wconversion -Wsign-conversion
    -fno-exceptions -fno-rtti -fno-threadsafe-statics)

# lfpbms_test(NAME SOURCES... LIBS ...): a GoogleTest binary whose cases ctest lists one by one.
function(lfpbms_test name)
  cmake_parse_arguments(T "" "" "SOURCES;LIBS" ${ARGN})
  add_executable(${name} ${T_SOURCES})
  target_compile_options(${name} PRIVATE ${LFPBMS_WARNINGS})
  target_link_libraries(${name} PRIVATE ${T_LIBS} GTest::gtest_main GTest::gmock)
  gtest_discover_tests(${name} DISCOVERY_TIMEOUT 60)
endfunction()
