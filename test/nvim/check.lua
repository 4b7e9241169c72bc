-- Neovim (0.7+) as a second real LSP client for the xxgk language server.
--
--   nvim --headless -u NONE -i NONE -c 'luafile test/nvim/check.lua' <report>
--
-- Starts `node server/out/server.js --stdio`, attaches it to the current buffer
-- (languageId xxgk-report), then checks and prints what the server gave:
--   * the first diagnostics publication (rule ids expected / forbidden there);
--   * optionally an edit of one table cell, after which a sum-mismatch must
--     appear at exactly that cell (incremental textDocument/didChange);
--   * document symbols: the six sections with their official titles;
--   * a hover on a section-三 row label: must not be empty.
-- Exits with `cquit 1` on any failure, `qall!` otherwise (the buffer is never written).
--
-- Environment (all optional except where noted):
--   XXGK_SERVER      server entry (default: server/out/server.js under the cwd)
--   XXGK_NODE        node binary (default: node)
--   XXGK_EXPECT      comma list of rule ids that must be in the first publication;
--                    `rule@A-B` also requires one of them on 1-based lines A..B
--   XXGK_FORBID      comma list of rule ids that must NOT be in the first publication
--   XXGK_EDIT        `label|n|value`: set the n-th number after the row labelled `label`
--                    (first line containing it) to `value`, then expect sum-mismatch there
--   XXGK_HOVER       text of a row label to hover over (default （七）总计)
--   XXGK_TIMEOUT_MS  per-wait timeout (default 15000)

local TITLES = {
  '一、总体情况',
  '二、主动公开政府信息情况',
  '三、收到和处理政府信息公开申请情况',
  '四、政府信息公开行政复议、行政诉讼情况',
  '五、存在的主要问题及改进情况',
  '六、其他需要报告的事项',
}

local function env(name, default)
  local v = os.getenv(name)
  if v == nil or v == '' then return default end
  return v
end

local cwd = vim.fn.getcwd()
local SERVER = env('XXGK_SERVER', cwd .. '/server/out/server.js')
local NODE = env('XXGK_NODE', 'node')
local TIMEOUT = tonumber(env('XXGK_TIMEOUT_MS', '15000'))
local HOVER_LABEL = env('XXGK_HOVER', '（七）总计')

local failures = {}
local function out(s) io.stdout:write(s .. '\n') end
local function fail(msg) table.insert(failures, msg); out('FAIL: ' .. msg) end
local function finish()
  io.stdout:flush()
  if #failures > 0 then
    out(('nvim check: %d failure(s)'):format(#failures))
    vim.cmd('cquit 1')
  else
    out('nvim check: OK')
    vim.cmd('qall!')
  end
end

local function split(s)
  local t = {}
  for part in string.gmatch(s or '', '[^,]+') do
    part = vim.trim(part)
    if part ~= '' then table.insert(t, part) end
  end
  return t
end

local function code_of(d)
  local c = d.code
  if c == nil and d.user_data and d.user_data.lsp then c = d.user_data.lsp.code end
  return c ~= nil and tostring(c) or '?'
end

local function print_diags(title, diags)
  out(('%s: %d diagnostic(s)'):format(title, #diags))
  table.sort(diags, function(a, b) return a.lnum < b.lnum or (a.lnum == b.lnum and a.col < b.col) end)
  for _, d in ipairs(diags) do
    out(('  %d:%d-%d:%d [%s/%s] sev=%s %s'):format(d.lnum + 1, d.col + 1, (d.end_lnum or d.lnum) + 1,
      (d.end_col or d.col) + 1, tostring(d.source), code_of(d), tostring(d.severity), (d.message:gsub('\n.*', ''))))
  end
end

-- The buffer -----------------------------------------------------------------
local bufnr = vim.api.nvim_get_current_buf()
local fname = vim.api.nvim_buf_get_name(bufnr)
if fname == '' or vim.api.nvim_buf_line_count(bufnr) < 10 then
  fail('no report file given (usage: nvim --headless -u NONE -i NONE -c "luafile check.lua" <report>)')
  return finish()
end
if vim.fn.filereadable(SERVER) ~= 1 then
  fail('language server not found: ' .. SERVER .. ' (run npm run build)')
  return finish()
end
local nvim_version = vim.fn.execute('version'):match('NVIM v[%w%.%-]+') or 'NVIM ?'
out(('%s; report %s (%d lines); server %s'):format(nvim_version, fname, vim.api.nvim_buf_line_count(bufnr), SERVER))

-- The client -------------------------------------------------------------------
local publications = 0
local exited = nil
local stderr_lines = {}

local client_id = vim.lsp.start_client({
  name = 'xxgk',
  cmd = { NODE, SERVER, '--stdio' },
  root_dir = vim.fn.fnamemodify(fname, ':p:h'),
  get_language_id = function() return 'xxgk-report' end,
  flags = { debounce_text_changes = 20 },
  handlers = {
    ['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
      vim.lsp.diagnostic.on_publish_diagnostics(err, result, ctx, config)
      if result and vim.uri_to_bufnr(result.uri) == bufnr then publications = publications + 1 end
    end,
    ['window/logMessage'] = function(_, result)
      if result and result.type and result.type <= 2 then table.insert(stderr_lines, 'server log: ' .. result.message) end
    end,
  },
  on_exit = function(code, signal) exited = { code = code, signal = signal } end,
})
if not client_id then
  fail('vim.lsp.start_client returned nil')
  return finish()
end
vim.lsp.buf_attach_client(bufnr, client_id)

local function wait_for(what, pred)
  local ok = vim.wait(TIMEOUT, function() return pred() or exited ~= nil end, 10)
  if exited then
    fail(('server exited (code %s, signal %s) while waiting for %s'):format(tostring(exited.code), tostring(exited.signal), what))
    return false
  end
  if not ok then fail(('timed out after %d ms waiting for %s'):format(TIMEOUT, what)); return false end
  return true
end

local function shutdown_and_finish()
  for _, l in ipairs(stderr_lines) do out(l) end
  vim.lsp.stop_client(client_id)
  vim.wait(2000, function() return exited ~= nil end, 10)
  finish()
end

-- 1. first diagnostics ----------------------------------------------------------
if not wait_for('the first textDocument/publishDiagnostics', function() return publications > 0 end) then
  return shutdown_and_finish()
end
local first = vim.diagnostic.get(bufnr)
print_diags('diagnostics (as opened)', first)
for _, d in ipairs(first) do
  if d.source ~= 'xxgk' then fail(('diagnostic at line %d has source %s, expected xxgk'):format(d.lnum + 1, tostring(d.source))) end
end
for _, spec in ipairs(split(env('XXGK_EXPECT', ''))) do
  local rule, a, b = spec:match('^([^@]+)@(%d+)%-(%d+)$')
  rule = rule or spec
  local hit = false
  for _, d in ipairs(first) do
    if code_of(d) == rule and (not a or (d.lnum + 1 >= tonumber(a) and d.lnum + 1 <= tonumber(b))) then hit = true end
  end
  if hit then out('  expected ' .. spec .. ': present') else fail('expected diagnostic ' .. spec .. ' is absent') end
end
for _, rule in ipairs(split(env('XXGK_FORBID', ''))) do
  for _, d in ipairs(first) do
    if code_of(d) == rule then fail(('unexpected %s at line %d: %s'):format(rule, d.lnum + 1, d.message)) end
  end
end

local lines = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
local function find_line(text)
  for i, l in ipairs(lines) do if l:find(text, 1, true) then return i - 1, l end end
  return nil
end

-- 2. an edit gives sum-mismatch at exactly that cell -----------------------------
local edit = env('XXGK_EDIT', nil)
if edit then
  local label, n, value = edit:match('^(.-)|(%d+)|(%d+)$')
  local row = label and find_line(label)
  if not row then
    fail('XXGK_EDIT: row label not found: ' .. tostring(label))
  else
    local cell, seen = nil, 0
    for i = row + 2, math.min(#lines, row + 40) do
      if lines[i]:match('^\t%d+%s*$') then
        seen = seen + 1
        if seen == tonumber(n) then cell = i - 1; break end
      end
    end
    if not cell then
      fail(('XXGK_EDIT: no number #%s after %s'):format(n, label))
    else
      local before = publications
      out(('edit: line %d %q -> %q'):format(cell + 1, lines[cell + 1], '\t' .. value))
      vim.api.nvim_buf_set_lines(bufnr, cell, cell + 1, false, { '\t' .. value })
      local function at_cell()
        for _, d in ipairs(vim.diagnostic.get(bufnr)) do
          if code_of(d) == 'sum-mismatch' and d.lnum == cell and d.col <= 1 and (d.end_col or 0) >= 1 + #value then return true end
        end
        return false
      end
      if wait_for(('sum-mismatch at %d:2 after the edit'):format(cell + 1), function() return publications > before and at_cell() end) then
        out(('  sum-mismatch at %d:2: present'):format(cell + 1))
      end
      print_diags('diagnostics (after the edit)', vim.diagnostic.get(bufnr))
    end
  end
end

-- 3. document symbols -------------------------------------------------------------
local params = { textDocument = vim.lsp.util.make_text_document_params(bufnr) }
local resp, err = vim.lsp.buf_request_sync(bufnr, 'textDocument/documentSymbol', params, TIMEOUT)
local symbols = resp and resp[client_id] and resp[client_id].result
if err then fail('documentSymbol: ' .. tostring(err)) end
if type(symbols) ~= 'table' or #symbols == 0 then
  fail('no document symbols')
else
  out(('document symbols: %d top-level'):format(#symbols))
  local names = {}
  local function walk(list, depth)
    for _, s in ipairs(list) do
      local r = s.range or (s.location and s.location.range)
      out(('  %s%s  [%d-%d]'):format(string.rep('  ', depth), s.name, r.start.line + 1, r['end'].line + 1))
      if depth == 0 then table.insert(names, s.name) end
      if s.children and depth < 1 then walk(s.children, depth + 1) end
    end
  end
  walk(symbols, 0)
  for _, t in ipairs(TITLES) do
    local found = false
    for _, nm in ipairs(names) do if nm:find(t, 1, true) then found = true end end
    if not found then fail('no top-level symbol named ' .. t) end
  end
end

-- 4. hover on a row label -----------------------------------------------------------
local hl, hline = find_line(HOVER_LABEL)
if not hl then
  fail('hover label not found in the report: ' .. HOVER_LABEL)
else
  local byte = hline:find(HOVER_LABEL, 1, true) -- 1-based byte of the label
  local _, utf16 = vim.str_utfindex(hline, byte - 1) -- UTF-16 units before the label; we hover 1 char into it
  local hp = { textDocument = params.textDocument, position = { line = hl, character = utf16 + 1 } }
  local hresp, herr = vim.lsp.buf_request_sync(bufnr, 'textDocument/hover', hp, TIMEOUT)
  local hover = hresp and hresp[client_id] and hresp[client_id].result
  local text = ''
  if hover and hover.contents then
    local c = hover.contents
    if type(c) == 'string' then text = c
    elseif c.value then text = c.value
    else for _, part in ipairs(c) do text = text .. (type(part) == 'string' and part or part.value or '') .. '\n' end end
  end
  text = vim.trim(text)
  out(('hover at %d:%d (%s):'):format(hl + 1, utf16 + 2, HOVER_LABEL))
  for l in (text ~= '' and text or '(empty)'):gmatch('[^\n]+') do out('  | ' .. l) end
  if herr then fail('hover: ' .. tostring(herr)) end
  if text == '' then fail('empty hover on ' .. HOVER_LABEL) end
end

shutdown_and_finish()
