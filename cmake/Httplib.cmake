# cpp-httplib, vendored under third_party/cpp-httplib (why: docs/development.md). The header and
# upstream's split.py are pinned by their SHA-256: configuring fails if they differ from the
# reviewed release, so an edit or a partial update cannot slip in unnoticed.
set(TSUNAGU_HTTPLIB_DIR ${PROJECT_SOURCE_DIR}/third_party/cpp-httplib)
foreach(pair "httplib.h=bc69d53636a8757cb24a1deb9880bf7e2fdae3a80bbc759e145b8c80913cbfa3"
             "split.py=bb3bd1a891f8f3ea1c800e93f44a3c20d0ee26d97a4b1d97c04f6c22d001e662")
  string(REPLACE "=" ";" pair ${pair})
  list(GET pair 0 name)
  list(GET pair 1 expected)
  file(SHA256 ${TSUNAGU_HTTPLIB_DIR}/${name} actual)
  if(NOT actual STREQUAL expected)
    message(FATAL_ERROR "third_party/cpp-httplib/${name} has SHA-256 ${actual}, expected "
                        "${expected} (v0.53.1). See docs/development.md.")
  endif()
endforeach()

# The single header is 22 000 lines of inline code; every file including it would compile all of
# it. Upstream's split.py cuts it into declarations (httplib.h, 4 500 lines) and one source file
# compiled once, the way distributions package it.
find_package(Python3 REQUIRED COMPONENTS Interpreter)
set(TSUNAGU_HTTPLIB_SPLIT ${CMAKE_BINARY_DIR}/third_party/cpp-httplib)
if(NOT EXISTS ${TSUNAGU_HTTPLIB_SPLIT}/httplib.cc
   OR ${TSUNAGU_HTTPLIB_DIR}/httplib.h IS_NEWER_THAN ${TSUNAGU_HTTPLIB_SPLIT}/httplib.cc)
  execute_process(COMMAND ${Python3_EXECUTABLE} ${TSUNAGU_HTTPLIB_DIR}/split.py
                          -o ${TSUNAGU_HTTPLIB_SPLIT}
                  RESULT_VARIABLE split_result OUTPUT_QUIET)
  if(NOT split_result EQUAL 0)
    message(FATAL_ERROR "split.py could not split third_party/cpp-httplib/httplib.h")
  endif()
endif()

# Every target that includes httplib.h links this, so all of them see the same limits (the
# macros change struct layouts and inline functions: they must agree across the program).
# - headers: at most 64 lines of at most 8 KiB each (so a head is at most 512 KiB plus the
#   request line), 8 KiB for the request target;
# - no response compression: a compressed answer that reflects request input beside a secret
#   leaks the secret (BREACH), and the API's answers are small.
add_library(tsunagu_httplib STATIC ${TSUNAGU_HTTPLIB_SPLIT}/httplib.cc)
add_library(tsunagu::httplib ALIAS tsunagu_httplib)
target_include_directories(tsunagu_httplib SYSTEM PUBLIC ${TSUNAGU_HTTPLIB_SPLIT})
target_compile_definitions(tsunagu_httplib PUBLIC
  CPPHTTPLIB_OPENSSL_SUPPORT
  CPPHTTPLIB_HEADER_MAX_COUNT=64
  CPPHTTPLIB_HEADER_MAX_LENGTH=8192
  CPPHTTPLIB_REQUEST_URI_MAX_LENGTH=8192)
target_link_libraries(tsunagu_httplib PUBLIC OpenSSL::SSL OpenSSL::Crypto Threads::Threads)
