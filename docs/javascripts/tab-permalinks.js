// An address naming something inside a content tab (an ablation of the third plan on a paper page,
// papers/dit/#lm-planner.gpt-4o-ablation-3) opens that tab and scrolls to it: the browser alone
// would stay on the first tab, where the target is hidden, at the top of the page. The same on
// following a link within the page (the ¶ links, "Where the systems agree").
(function () {
  "use strict";

  function target() {
    let id = "";
    try {
      id = decodeURIComponent(location.hash.slice(1));
    } catch (error) {
      return null;
    }
    return id ? document.getElementById(id) : null;
  }

  // Check the radio input of every tab that holds the element, outermost first.
  function selectTabsAround(element) {
    const blocks = [];
    for (let block = element.closest(".tabbed-block"); block; block = block.parentElement.closest(".tabbed-block")) {
      blocks.unshift(block);
    }
    for (const block of blocks) {
      const set = block.closest(".tabbed-set");
      const content = block.parentElement;
      const index = Array.prototype.indexOf.call(content.children, block);
      const inputs = Array.prototype.filter.call(set.children, (child) => child.matches("input[type=radio]"));
      const input = inputs[index];
      if (input && !input.checked) {
        input.checked = true;
        input.dispatchEvent(new Event("change", { bubbles: true }));
      }
    }
    return blocks.length > 0;
  }

  function reveal() {
    const element = target();
    if (element && selectTabsAround(element)) element.scrollIntoView();
  }

  window.addEventListener("hashchange", reveal);
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", reveal);
  } else {
    reveal();
  }
})();
