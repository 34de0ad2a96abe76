// Progressive enhancement of the provenance popovers: the `popovertarget` buttons already open
// on click, tap and Enter without this script. With it, a popover also opens while its number
// is hovered or focused, so keyboard and mouse readers see a number's derivation as they pass.
// A click (or Enter) pins it: it then stays open until Escape, a click elsewhere or a second
// click, so a reader can move the pointer away and open its list of inputs.
const pinned = new WeakSet()
for (const button of document.querySelectorAll('button[data-figure][popovertarget]')) {
  const popover = document.getElementById(button.getAttribute('popovertarget'))
  if (!popover || typeof popover.showPopover !== 'function') continue
  let timer
  const show = () => {
    clearTimeout(timer)
    if (!popover.matches(':popover-open')) popover.showPopover({ source: button })
  }
  popover.addEventListener('toggle', (event) => {
    if (event.newState === 'closed') pinned.delete(popover)
  })
  // Hover or focus has usually opened the popover by the time the click arrives (a mouse click
  // focuses the button first): the click means "show me", so keep it open instead of letting the
  // button's own toggle close it. A click on a pinned popover's number closes it.
  button.addEventListener('click', (event) => {
    clearTimeout(timer)
    if (!popover.matches(':popover-open')) {
      pinned.add(popover)
    } else if (!pinned.has(popover)) {
      event.preventDefault()
      pinned.add(popover)
    }
  })
  const hideSoon = () => {
    clearTimeout(timer)
    timer = setTimeout(() => {
      if (
        popover.matches(':popover-open') &&
        !pinned.has(popover) &&
        !popover.matches(':hover') &&
        !popover.contains(document.activeElement)
      )
        popover.hidePopover()
    }, 250)
  }
  button.addEventListener('focus', show)
  button.addEventListener('blur', hideSoon)
  button.addEventListener('mouseenter', () => {
    clearTimeout(timer)
    timer = setTimeout(show, 200)
  })
  button.addEventListener('mouseleave', hideSoon)
  popover.addEventListener('mouseleave', hideSoon)
}

// "Show where numbers come from": marks every computed number (at rest they read as plain text).
// The choice is remembered; print always shows the marks (style.css).
const toggle = document.getElementById('show-figures')
if (toggle) {
  const key = 'show-figures'
  const apply = (on) => {
    document.documentElement.classList.toggle('show-figures', on)
    toggle.setAttribute('aria-pressed', String(on))
  }
  let stored = null
  try {
    stored = localStorage.getItem(key)
  } catch {}
  apply(stored === 'on')
  toggle.parentElement.hidden = false
  toggle.addEventListener('click', () => {
    const on = toggle.getAttribute('aria-pressed') !== 'true'
    apply(on)
    try {
      localStorage.setItem(key, on ? 'on' : 'off')
    } catch {}
  })
}
