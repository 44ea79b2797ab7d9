"""The MCP server: Zoom's operations as tools (``list_methods``, ``describe_method``,
``call_<service>``) and tools that drive the emulator, on stdio (``zemu mcp``) and at ``/mcp``.

``methods`` names and describes the operations, ``calls`` turns a tool call into a Zoom request
and its answer into a result, ``targets`` sends it (to the emulator in process, or to Zoom),
``tools`` and ``emulator`` define the tools, ``server`` serves them, ``cli`` is ``zemu mcp``.
"""
