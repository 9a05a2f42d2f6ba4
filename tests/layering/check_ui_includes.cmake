# ui/ cannot include a model header beyond model/core: compiles two probes with the flags of a real
# ui/ source (from compile_commands.json): ui_includes_core.cpp must compile, ui_includes_model.cpp
# (which includes model/config/config.h) must fail for want of that header. Run by ctest
# (layering.ui_cannot_include_model):
#   cmake -DBUILD_DIR=<build> -DSOURCE_DIR=<repository> -P tests/layering/check_ui_includes.cmake
file(READ ${BUILD_DIR}/compile_commands.json commands)
string(JSON count LENGTH "${commands}")
math(EXPR last "${count} - 1")
set(command)
foreach(i RANGE ${last})
  string(JSON file GET "${commands}" ${i} file)
  if(file MATCHES "/ui/training/config_form\\.cpp$")
    string(JSON command GET "${commands}" ${i} command)
    string(JSON directory GET "${commands}" ${i} directory)
    break()
  endif()
endforeach()
if(NOT command)
  message(FATAL_ERROR "${BUILD_DIR}/compile_commands.json has no ui/training/config_form.cpp")
endif()
separate_arguments(arguments UNIX_COMMAND "${command}")
# The same compiler and flags, without the object file: only a syntax check of a probe.
set(flags)
set(skip FALSE)
foreach(argument IN LISTS arguments)
  if(skip)
    set(skip FALSE)
  elseif(argument STREQUAL "-o" OR argument STREQUAL "-c")
    set(skip TRUE)
  elseif(NOT argument MATCHES "config_form\\.cpp$")
    list(APPEND flags "${argument}")
  endif()
endforeach()

function(compile probe result_var output_var)
  execute_process(COMMAND ${flags} -fsyntax-only ${SOURCE_DIR}/tests/layering/${probe}
    WORKING_DIRECTORY ${directory} RESULT_VARIABLE result OUTPUT_VARIABLE out ERROR_VARIABLE out)
  set(${result_var} ${result} PARENT_SCOPE)
  set(${output_var} "${out}" PARENT_SCOPE)
endfunction()

compile(ui_includes_core.cpp result output)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "a ui/ source cannot include its own and model/core's headers:\n${output}")
endif()
compile(ui_includes_model.cpp result output)
if(result EQUAL 0)
  message(FATAL_ERROR "a ui/ source compiled with #include \"model/config/config.h\": ui/ must "
    "see no model header beyond model/core")
endif()
if(NOT output MATCHES "model/config/config\\.h: No such file")
  message(FATAL_ERROR "the probe failed, but not for want of model/config/config.h:\n${output}")
endif()
message(STATUS "ui/ includes model/core and its own headers; model/config/config.h is out of reach")
