# tsunagu_embed_files(OUTPUT <file.cc> NAMESPACE <ns> FUNCTION <fn> FILES <f>...)
#
# Generates a C++ source that defines
#   const std::vector<tsunagu::EmbeddedFile>& <ns>::<fn>();
# holding the name and bytes of every file, sorted by name. The migrations in schema/ and the
# demo data in seed/ reach the binary this way, so a server never depends on the source tree
# at run time. The source is regenerated whenever one of the files changes.
set(TSUNAGU_EMBED_SCRIPT ${CMAKE_CURRENT_LIST_DIR}/embed_files_script.cmake)

function(tsunagu_embed_files)
  cmake_parse_arguments(ARG "" "OUTPUT;NAMESPACE;FUNCTION" "FILES" ${ARGN})
  list(SORT ARG_FILES)
  add_custom_command(
    OUTPUT ${ARG_OUTPUT}
    COMMAND ${CMAKE_COMMAND} -DOUTPUT=${ARG_OUTPUT} -DNAMESPACE=${ARG_NAMESPACE}
            -DFUNCTION=${ARG_FUNCTION} "-DFILES=${ARG_FILES}" -P ${TSUNAGU_EMBED_SCRIPT}
    DEPENDS ${ARG_FILES} ${TSUNAGU_EMBED_SCRIPT}
    COMMENT "Embedding ${ARG_FUNCTION} (${ARG_OUTPUT})"
    VERBATIM)
endfunction()
