// govqa's page: asks the HTTP API and shows cited answers.
// Every text from the user or a report goes into the page as a text node (textContent),
// never as HTML.
"use strict";

(function () {
  const API = "/api/v1";
  const $ = (id) => document.getElementById(id);
  let conversation = null; // the token of the last answer: follow-ups send it back
  let busy = false;

  // el("p", {className: "x"}, "text", child...): an element with text nodes and children.
  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    Object.assign(node, props || {});
    for (const child of children) {
      if (child === null || child === undefined || child === "") continue;
      node.append(typeof child === "string" ? document.createTextNode(child) : child);
    }
    return node;
  }

  // The excerpt with the core's highlight spans ([start, end) in code points) wrapped in
  // <mark>, built as nodes: the page does not search for the words again.
  function spanned(text, spans) {
    const frag = document.createDocumentFragment();
    const chars = Array.from(text);
    let last = 0;
    for (const [start, end] of spans || []) {
      if (start < last || end > chars.length || start >= end) continue;
      if (start > last) frag.append(document.createTextNode(chars.slice(last, start).join("")));
      frag.append(el("mark", {}, chars.slice(start, end).join("")));
      last = end;
    }
    if (last < chars.length) frag.append(document.createTextNode(chars.slice(last).join("")));
    return frag;
  }

  // The text with every matched word wrapped in <mark>, longest word first, built as nodes
  // (for a passage in context, where the spans of the excerpt do not apply).
  function highlighted(text, words) {
    const frag = document.createDocumentFragment();
    const list = (words || []).filter((w) => w).sort((a, b) => b.length - a.length);
    let plain = "";
    let i = 0;
    while (i < text.length) {
      const word = list.find((w) => text.startsWith(w, i));
      if (word) {
        if (plain) frag.append(document.createTextNode(plain));
        plain = "";
        frag.append(el("mark", {}, word));
        i += word.length;
      } else {
        plain += text[i];
        i += 1;
      }
    }
    if (plain) frag.append(document.createTextNode(plain));
    return frag;
  }

  async function api(path, body) {
    const options = body === undefined ? {} : {
      method: "POST",
      headers: {"Content-Type": "application/json"},
      body: JSON.stringify(body),
    };
    let response;
    try {
      response = await fetch(API + path, options);
    } catch (e) {
      throw new Error("无法连接服务器，请稍后再试。");
    }
    let data = null;
    try {
      data = await response.json();
    } catch (e) {
      data = null;
    }
    if (!response.ok) {
      throw new Error((data && data.message) || "请求失败（" + response.status + "）。");
    }
    return data;
  }

  function showError(text) {
    const box = $("error");
    box.textContent = text || "";
    box.hidden = !text;
  }

  function setBusy(on, text) {
    busy = on;
    for (const id of ["ask-button", "compare-button", "more"]) $(id).disabled = on;
    $("status").textContent = text || "";
  }

  function section(parts) {
    return parts && parts.length ? parts.join(" › ") : "开头";
  }

  function where(c) {
    const bits = [section(c.section), "第" + c.paragraph + "段"];
    if (c.page) bits.push("第" + c.page + "页");
    return bits.join(" · ");
  }

  function citation(c) {
    const place = [c.region, c.title].filter((x) => x).join(" · ") || c.source;
    const context = el("div", {className: "context", hidden: true});
    const toggle = el("button", {type: "button", className: "link original"}, "原文");
    toggle.addEventListener("click", () => showContext(c, context, toggle));
    return el("article", {className: "citation"},
      el("h3", {}, el("span", {className: "rank"}, "[" + c.rank + "]"), place),
      el("p", {className: "where"}, where(c)),
      el("p", {className: "excerpt"}, spanned(c.excerpt, c.highlights)),
      toggle,
      context,
      el("p", {className: "ref"}, c.reference || ""));
  }

  async function showContext(c, box, toggle) {
    if (!box.hidden) {
      box.hidden = true;
      toggle.textContent = "原文";
      return;
    }
    if (!box.childElementCount) {
      try {
        const data = await api("/passages/" + encodeURIComponent(c.passage_id) + "?radius=1");
        for (const p of data.context) {
          const label = "第" + p.paragraph + "段 · " + section(p.section) +
            (p.page ? " · 第" + p.page + "页" : "");
          box.append(el("p", {className: p.focus ? "focus" : ""},
            el("span", {className: "para"}, label),
            p.focus ? highlighted(p.text, c.matched) : p.text));
        }
      } catch (e) {
        showError(e.message);
        return;
      }
    }
    box.hidden = false;
    toggle.textContent = "收起原文";
  }

  function showAnswer(data, append) {
    const box = $("answer");
    if (!append) box.replaceChildren();
    if (data.message) box.append(el("p", {className: "message"}, data.message));
    for (const c of data.citations) box.append(citation(c));
    $("more").hidden = !data.has_more;
    conversation = data.conversation || null;
  }

  async function ask(question, more) {
    if (busy) return;
    showError("");
    $("compare").hidden = true;
    setBusy(true, more ? "正在查找更多……" : "正在查找……");
    try {
      const data = await api("/ask", {
        question: question,
        report: $("report").value || null,
        conversation: conversation,
      });
      showAnswer(data, more);
      if (!more) {
        const url = new URL(location.href);
        url.search = "";
        url.searchParams.set("q", question);
        if ($("report").value) url.searchParams.set("report", $("report").value);
        history.replaceState(null, "", url);
      }
    } catch (e) {
      if (!more) $("answer").replaceChildren();
      $("more").hidden = true;
      showError(e.message);
    } finally {
      setBusy(false);
    }
  }

  async function compare(question) {
    if (busy) return;
    showError("");
    setBusy(true, "正在对比各报告……");
    try {
      const data = await api("/compare", {question: question});
      $("answer").replaceChildren();
      $("more").hidden = true;
      const rows = $("compare-table").tBodies[0];
      rows.replaceChildren();
      for (const c of data.citations) {
        rows.append(el("tr", {},
          el("td", {className: "region"}, c.region || c.source),
          el("td", {}, spanned(c.excerpt, c.highlights)),
          el("td", {className: "where"}, c.reference || where(c))));
      }
      $("compare-question").textContent = data.message || ("问题：" + data.question);
      $("compare").hidden = false;
    } catch (e) {
      $("compare").hidden = true;
      showError(e.message);
    } finally {
      setBusy(false);
    }
  }

  async function loadOutline(report, list) {
    try {
      const data = await api("/reports/" + encodeURIComponent(report.id) + "/outline");
      for (const e of data.outline) {
        list.append(el("li", {className: "level" + Math.min(e.level, 4)},
          e.section[e.section.length - 1] + " ",
          el("span", {className: "count"}, "（" + e.passages + "段）")));
      }
    } catch (e) {
      list.append(el("li", {className: "error"}, e.message));
    }
  }

  async function loadReports() {
    let data;
    try {
      data = await api("/reports");
    } catch (e) {
      $("reports").append(el("li", {className: "error"}, e.message));
      return;
    }
    const select = $("report");
    const wanted = new URL(location.href).searchParams.get("report");
    for (const r of data.reports) {
      const name = r.region || r.title || r.id;
      const option = el("option", {value: r.id}, name + (r.plan_year ? "（" + r.plan_year + "年）" : ""));
      select.append(option);
      if (wanted === r.id) select.value = r.id;
      const meta = [r.province, r.parent, r.date, r.passages + "段"].filter((x) => x).join(" · ");
      const outline = el("ol", {className: "outline"});
      const details = el("details", {},
        el("summary", {}, name + " · " + (r.document_title || r.id) + " ",
          el("span", {className: "meta"}, meta)),
        outline);
      details.addEventListener("toggle", () => {
        if (details.open && !outline.childElementCount) loadOutline(r, outline);
      });
      $("reports").append(el("li", {}, details));
    }
  }

  document.addEventListener("DOMContentLoaded", () => {
    $("ask-form").addEventListener("submit", (event) => {
      event.preventDefault();
      ask($("q").value.trim(), false);
    });
    $("compare-button").addEventListener("click", () => compare($("q").value.trim()));
    $("more").addEventListener("click", () => ask("还有呢", true));
    $("report").addEventListener("change", () => { conversation = null; });
    loadReports().then(() => {  // a shared link (/?q=…&report=…) opens its answer
      if ($("q").value.trim()) ask($("q").value.trim(), false);
    });
  });
})();
