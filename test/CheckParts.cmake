# Runs parts of the project's tests one after the other, each even when an
# earlier one failed, then prints the time and result of each, and fails if
# one failed. The targets of test/CMakeLists.txt call it:
#
#   cmake -DPARTS=suite,sanitized,fuzz,lint -DSOURCE_DIR=... -DBUILD_DIR=...
#         -DLIT=... -DRUN_CLANG_TIDY=... -DCLANG_TIDY=... -DFUZZ_SECONDS=...
#         -P test/CheckParts.cmake
#
# suite      the lit suite of the build tree BUILD_DIR
# sanitized  configures build-sanitize/ from the same sources with the
#            "sanitize" preset, builds what its lit suite needs and runs it
# fuzz       test/fuzz/run.sh: each fuzz target of build-sanitize/ for
#            FUZZ_SECONDS, from its seeds
# lint       clang-tidy with the repository's .clang-tidy over the sources of
#            BUILD_DIR's compilation database; a warning fails it
cmake_minimum_required(VERSION 3.20)

set(_title_suite "the lit suite")
set(_title_sanitized "the lit suite under AddressSanitizer and UBSan (build-sanitize/)")
set(_title_fuzz "each fuzz target for ${FUZZ_SECONDS} s")
set(_title_lint "clang-tidy over the project's sources")

# Sets Status to the part's exit status.
function(run_part Part)
  if(Part STREQUAL "suite")
    execute_process(COMMAND "${LIT}" -sv "${BUILD_DIR}/test"
      RESULT_VARIABLE Status)
  elseif(Part STREQUAL "sanitized")
    execute_process(COMMAND "${CMAKE_COMMAND}" --preset sanitize
      WORKING_DIRECTORY "${SOURCE_DIR}" RESULT_VARIABLE Status)
    if(Status EQUAL 0)
      execute_process(COMMAND "${CMAKE_COMMAND}" --build --preset sanitize --target check
        WORKING_DIRECTORY "${SOURCE_DIR}" RESULT_VARIABLE Status)
    endif()
  elseif(Part STREQUAL "fuzz")
    execute_process(COMMAND "${SOURCE_DIR}/test/fuzz/run.sh"
      --build "${SOURCE_DIR}/build-sanitize" "${FUZZ_SECONDS}"
      RESULT_VARIABLE Status)
  elseif(Part STREQUAL "lint")
    execute_process(COMMAND "${RUN_CLANG_TIDY}" -p "${BUILD_DIR}"
      -clang-tidy-binary "${CLANG_TIDY}" -quiet -hide-progress
      -warnings-as-errors=*
      "-header-filter=^${SOURCE_DIR}/(checkers|driver|test)/"
      "^${SOURCE_DIR}/(checkers|driver|test)/"
      WORKING_DIRECTORY "${SOURCE_DIR}" RESULT_VARIABLE Status)
  else()
    message(FATAL_ERROR "unknown part '${Part}'")
  endif()
  set(Status "${Status}" PARENT_SCOPE)
endfunction()

string(REPLACE "," ";" _parts "${PARTS}")
list(LENGTH _parts _count)
set(_index 0)
set(_summary "")
set(_failed "")
foreach(_part IN LISTS _parts)
  math(EXPR _index "${_index} + 1")
  message(NOTICE "\n== ${_index}/${_count}: ${_title_${_part}}")
  string(TIMESTAMP _start "%s")
  run_part(${_part})
  string(TIMESTAMP _end "%s")
  math(EXPR _seconds "${_end} - ${_start}")
  if(Status EQUAL 0)
    set(_result "passed")
  else()
    set(_result "FAILED (${Status})")
    list(APPEND _failed "${_part}")
  endif()
  string(APPEND _summary "\n  ${_part}: ${_result}, ${_seconds} s: ${_title_${_part}}")
endforeach()
message(NOTICE "\n== results${_summary}")
if(_failed)
  list(JOIN _failed ", " _failed)
  message(FATAL_ERROR "failed: ${_failed}; the output of each is above, "
    "and docs/usage.md (\"Hardening\") says how to run one part alone")
endif()
