# Precompiled headers for the heavy third-party headers most sources include: nlohmann/json
# (25 000 lines of templates), cpp-httplib's declarations and GoogleTest/GoogleMock. Parsing them
# once per target instead of once per source file cuts a clean build's time (docs/development.md
# has the figures). Off by default: ccache cannot reuse objects built against a precompiled header
# without extra settings, and everyday builds live on ccache; the presets that build from
# scratch (ci, tsan) turn it on.
option(TSUNAGU_PCH "Precompile the heavy third-party headers (json, httplib, gtest)" OFF)

# tsunagu_precompile(<target> <header>…): precompiles the headers into every source of the target
# when TSUNAGU_PCH is on. Only headers most of a target's sources include anyway belong here: a
# force-included header can change which overload an unqualified call finds (argument-dependent
# lookup), and the layer rules in scripts/lint read each source's own includes.
function(tsunagu_precompile target)
  if(TSUNAGU_PCH)
    target_precompile_headers(${target} PRIVATE ${ARGN})
  endif()
endfunction()
